// The service worker: the whole built site, precached, so every lesson works offline after the
// first visit. tools/sw-precache.mjs writes the list of the build's files and a hash of them
// into the copy of this file in dist/ (the placeholders below). A new build has a new VERSION:
// its worker precaches the new files into a new cache, takes over at once (skipWaiting +
// clients.claim), deletes the old caches, and the page reloads once (static/sw-register.js).
const VERSION = "__MX_VERSION__";
const FILES = ["__MX_FILES__"];
const CACHE = `mx-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // `reload`: fetch from the server, never from an HTTP cache holding the old build.
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("mx-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Every page of the app is index.html (routes live in the hash; `?lang=`, `?present=` in the
  // query), so a navigation is answered with the cached index.html.
  const key = request.mode === "navigate" ? new URL("./", self.registration.scope).href : request;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: request.mode === "navigate" }))
      .then((hit) => hit ?? fetch(request)),
  );
});
