/* Masthead's service worker (masthead/readers/app): the site's shell and the
   last articles a reader opened, for reading offline.

   - Pages: from the network first; an article that arrives whole is kept
     (the last {{ max_articles }}), other pages too (the last {{ max_pages }}).
     Offline, a kept copy answers, else the offline page.
   - Static files: from the cache, refreshed in the background.
   - Images: from the cache once seen (the last {{ max_images }}).
   - Nothing else is touched: no POST, nothing of another origin, never the
     admin, never a response marked private or no-store. */
"use strict";

const CONFIG = {{ config|safe }};
const SHELL = "masthead-shell-" + CONFIG.version;
const STATIC = "masthead-static-" + CONFIG.version;
const ARTICLES = "masthead-articles";
const PAGES = "masthead-pages";
const IMAGES = "masthead-images";
const KEEP = [SHELL, STATIC, ARTICLES, PAGES, IMAGES];
const ARTICLE_BODY = /<body[^>]*\sclass="[^"]*\btemplate-article\b/;
const TITLE = /<title>([^<]*)<\/title>/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(CONFIG.shell)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("masthead-") && !KEEP.includes(name))
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

function underAny(path, prefixes) {
  return prefixes.some((prefix) => path === prefix || path.startsWith(prefix + "/"));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || underAny(url.pathname, CONFIG.bypass)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFile(event));
  } else if (request.destination === "image" && url.pathname.startsWith(CONFIG.media)) {
    event.respondWith(image(request));
  }
});

function shareable(response) {
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return response.ok && response.type === "basic" && !/\b(private|no-store)\b/.test(control);
}

function pageKey(url) {
  const key = new URL(url);
  key.hash = "";
  key.search = "";
  return key.href;
}

async function page(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    const type = response.headers.get("Content-Type") || "";
    if (shareable(response) && type.startsWith("text/html")
        && new URL(request.url).pathname !== CONFIG.offline) {
      event.waitUntil(keepPage(request.url, response.clone()).catch(() => {}));
    }
    return response;
  } catch (error) {
    const key = pageKey(request.url);
    const kept = (await (await caches.open(ARTICLES)).match(key))
      || (await (await caches.open(PAGES)).match(key));
    return kept || (await caches.match(CONFIG.offline)) || Response.error();
  }
}

async function keepPage(url, response) {
  const text = await response.text();
  const isArticle = ARTICLE_BODY.test(text);
  const title = (TITLE.exec(text) || [, ""])[1];
  const headers = new Headers(response.headers);
  headers.set("X-Masthead-Saved", String(Date.now()));
  headers.set("X-Masthead-Title", encodeURIComponent(title));
  const cache = await caches.open(isArticle ? ARTICLES : PAGES);
  const key = pageKey(url);
  // Deleted first so that the cache's order (oldest first) is the order of reading.
  await cache.delete(key);
  await cache.put(key, new Response(text, { status: 200, headers }));
  await trim(cache, isArticle ? CONFIG.max_articles : CONFIG.max_pages);
}

async function trim(cache, most) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - most; i++) await cache.delete(keys[i]);
}

async function staticFile(event) {
  const request = event.request;
  const cached = await caches.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (shareable(response)) await (await caches.open(STATIC)).put(request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => {}));
    return cached;
  }
  return fresh;
}

async function image(request) {
  const cache = await caches.open(IMAGES);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (shareable(response)) {
    await cache.put(request, response.clone());
    await trim(cache, CONFIG.max_images);
  }
  return response;
}

/* Breaking news (masthead/readers/app/push.py): the message is JSON with a
   title, a body, the article's address and a tag (one notification per
   article, however often it arrives). */
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = { title: event.data ? event.data.text() : "" };
  }
  event.waitUntil(self.registration.showNotification(message.title || "Breaking news", {
    body: message.body || "",
    icon: CONFIG.icon,
    badge: CONFIG.icon,
    tag: message.tag || "breaking",
    data: { url: message.url || "/" }
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url || "/", self.location.origin);
  // Only our own pages open from a notification.
  const url = target.origin === self.location.origin ? target.href : self.location.origin + "/";
  event.waitUntil(self.clients.matchAll({ type: "window" }).then((windows) => {
    for (const client of windows) {
      if (client.url === url && "focus" in client) return client.focus();
    }
    return self.clients.openWindow(url);
  }));
});
