/* The web app on every public page (masthead/readers/app): registers the
   service worker; on the App page offers the browser's install prompt; on the
   offline page lists the articles kept for reading offline. Pages work the
   same without it. */
(function () {
  "use strict";

  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        /* No offline reading in this browser; the site works as before. */
      });
    });
  }

  var installed = window.matchMedia && window.matchMedia("(display-mode: standalone)").matches;
  var deferred = null;

  function show(selector, visible) {
    var element = document.querySelector(selector);
    if (element) element.hidden = !visible;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (installed) show("[data-app-installed]", true);
    var button = document.querySelector("[data-app-install]");
    if (button) {
      button.addEventListener("click", function () {
        if (!deferred) return;
        deferred.prompt();
        deferred.userChoice.then(function () {
          deferred = null;
          show("[data-app-install-box]", false);
        });
      });
    }
    listSaved();
  });

  /* Chrome and Edge offer installing through an event the page may keep and
     use on a click of its own. */
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    deferred = event;
    show("[data-app-install-box]", true);
  });
  window.addEventListener("appinstalled", function () {
    show("[data-app-install-box]", false);
    show("[data-app-installed]", true);
  });

  /* "<headline> | <paper>" as the page's <title> has it, its entities decoded
     (a textarea's content is text: nothing in it runs). */
  function headline(title) {
    var cut = title.lastIndexOf(" | ");
    var decoder = document.createElement("textarea");
    decoder.innerHTML = cut > 0 ? title.slice(0, cut) : title;
    return decoder.value;
  }

  function listSaved() {
    var list = document.querySelector("[data-saved-articles]");
    if (!list || !("caches" in window)) return;
    caches.open("masthead-articles").then(function (cache) {
      return cache.keys().then(function (keys) {
        return Promise.all(keys.map(function (request) {
          return cache.match(request).then(function (response) {
            return {
              url: request.url,
              title: decodeURIComponent(response.headers.get("X-Masthead-Title") || ""),
              saved: Number(response.headers.get("X-Masthead-Saved") || 0)
            };
          });
        }));
      });
    }).then(function (items) {
      items.sort(function (a, b) { return b.saved - a.saved; });
      items.forEach(function (item) {
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = headline(item.title) || item.url;
        var entry = document.createElement("li");
        entry.appendChild(link);
        list.appendChild(entry);
      });
      show("[data-saved-box]", items.length > 0);
      show("[data-saved-none]", items.length === 0);
    }).catch(function () {});
  }
})();
