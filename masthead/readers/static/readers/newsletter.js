// Sends a newsletter sign-up without leaving the page and shows the answer
// in place. Without this script (or fetch) the form posts as a plain form and
// the reader gets the same answer as a page.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;
  document.querySelectorAll("form[data-newsletter-form]").forEach(function (form) {
    var answer = form.querySelector("[data-newsletter-answer]");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!answer) return;
      event.preventDefault();
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          answer.textContent = data.message;
          answer.classList.toggle("is-error", !data.ok);
          if (data.ok) form.reset();
        })
        .catch(function () {
          // No usable answer (offline, an error page): let the form post.
          form.submit();
        })
        .then(function () {
          if (button) button.disabled = false;
        });
    });
  });
})();
