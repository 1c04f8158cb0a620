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
    offerPush();
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

  /* Breaking-news notifications on the App page (shown only where the
     browser can do them and the site offers them). */
  function offerPush() {
    var box = document.querySelector("[data-push-box]");
    if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) ||
        !("Notification" in window)) return;
    var on = box.querySelector("[data-push-on]");
    var off = box.querySelector("[data-push-off]");
    var answer = box.querySelector("[data-push-answer]");

    function say(text) { answer.textContent = text; }
    function state(subscribed) { on.hidden = subscribed; off.hidden = !subscribed; }
    function post(path, subscription) {
      return fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(subscription)
      }).then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.message);
          return data.message;
        });
      });
    }
    function key() {
      var text = box.getAttribute("data-push-key").replace(/-/g, "+").replace(/_/g, "/");
      var raw = atob(text + "===".slice((text.length + 3) % 4));
      var bytes = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      return bytes;
    }

    box.hidden = false;
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) { state(Boolean(subscription)); });

    on.addEventListener("click", function () {
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") throw new Error("Notifications are blocked in this browser's settings.");
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key() });
      }).then(function (subscription) {
        return post("/app/push/", subscription.toJSON());
      }).then(function (message) { state(true); say(message); })
        .catch(function (error) { say(error.message || "Notifications could not be turned on."); });
    });

    off.addEventListener("click", function () {
      navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager.getSubscription();
      }).then(function (subscription) {
        if (!subscription) return "Notifications are off.";
        var data = subscription.toJSON();
        return subscription.unsubscribe().then(function () { return post("/app/push/remove/", data); });
      }).then(function (message) { state(false); say(message); })
        .catch(function (error) { say(error.message || "Notifications could not be turned off."); });
    });
  }

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
