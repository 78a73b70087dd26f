// Trunk's post-build hook, in order: the CSP hashes of the inline scripts into index.html, then
// the service worker's precache list (which hashes the finished index.html).
await import("./csp-hashes.mjs");
await import("./sw-precache.mjs");
