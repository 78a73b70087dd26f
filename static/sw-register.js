// Registers the service worker (static/sw.js, written into dist/ by tools/sw-precache.mjs).
// When a new build's worker takes over a page that an older one controlled, the page reloads
// once so that it runs the new build; on a first visit nothing reloads.
if ("serviceWorker" in navigator) {
  const updating = navigator.serviceWorker.controller !== null;
  let reloaded = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (updating && !reloaded) {
      reloaded = true;
      location.reload();
    }
  });
  navigator.serviceWorker.register("sw.js").catch((e) => console.warn("no offline copy:", e));
}
