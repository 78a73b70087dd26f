// Offline and installable: the service worker precaches the build, a lesson works with the
// network gone, and a new build takes over cleanly (new cache, old one deleted, page reloaded).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, check, until, eventually, visit, ready, canvases } from "./harness.mjs";
import { allDrawn } from "./lesson-tools.mjs";

/** The first slider of the page moved a third of its range; resolves when a figure changed. */
async function useALesson(page) {
  await allDrawn(page, 1);
  const before = await canvases(page);
  await page.locator("main input[type=range]").first().evaluate((el) => {
    const [min, max, v] = [Number(el.min), Number(el.max), Number(el.value)];
    el.value = String(v + (max - min) / 3 > max ? v - (max - min) / 3 : v + (max - min) / 3);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await eventually(async () => (await canvases(page)).some((c, i) => c !== before[i]), "moving the slider changed no figure");
}

/** What the page's cache holds, or null while the page is reloading. */
const cacheState = (page) => page.evaluate(async () => ({
  keys: await caches.keys(),
  build: document.querySelector('meta[name="mx-build"]')?.content ?? null,
  controlled: navigator.serviceWorker.controller !== null,
})).catch(() => null);

test("the site is installable: manifest with icons, CSP allows only its own worker and manifest", async ({ page, url, origin }) => {
  await visit(page, url("#/", "en"));
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  check(csp.includes("worker-src 'self'") && csp.includes("manifest-src 'self'"), `CSP: ${csp}`);
  check(!/unsafe-inline|\*|https?:/.test(csp), `the CSP got looser: ${csp}`);
  const res = await page.request.get(`${origin}/manifest.webmanifest`);
  check(res.ok() && res.headers()["content-type"].includes("manifest+json"), "the manifest is served as application/manifest+json");
  const manifest = await res.json();
  check(manifest.name && manifest.start_url && manifest.display === "standalone", "manifest name, start_url, display");
  const sizes = manifest.icons.map((i) => i.sizes);
  check(["any", "192x192", "512x512"].every((s) => sizes.includes(s)), `icon sizes: ${sizes}`);
  for (const icon of manifest.icons) {
    const r = await page.request.get(`${origin}/${icon.src}`);
    check(r.ok() && r.headers()["content-type"] === icon.type, `${icon.src} is served as ${icon.type}`);
  }
});

test("a lesson works offline after the first visit and a new build takes over", async ({ page, url, dist, serveFrom }) => {
  await visit(page, url("#/continuous", "en"));
  await until(page, () => navigator.serviceWorker.controller !== null, null, "no service worker took control of the page");
  const first = await cacheState(page);
  check(first.keys.length === 1 && first.keys[0].startsWith("mx-"), `caches: ${first.keys}`);

  await page.context().setOffline(true);
  await page.reload();
  await ready(page);
  await useALesson(page);
  await visit(page, url("#/hippo", "ko"));
  await useALesson(page);
  await page.context().setOffline(false);

  // A second build of the site: a changed index.html, its own precache list and version.
  const second = mkdtempSync(join(tmpdir(), "mx-build-"));
  cpSync(dist, second, { recursive: true });
  const index = join(second, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("</head>", '<meta name="mx-build" content="second">\n</head>'));
  execFileSync("node", ["tools/sw-precache.mjs", second]);
  const version = /const VERSION = "([0-9a-f]+)"/.exec(readFileSync(join(second, "sw.js"), "utf8"))[1];
  check(`mx-${version}` !== first.keys[0], "the second build has a new version");
  serveFrom(second);

  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const now = await eventually(async () => {
    const s = await cacheState(page);
    return s && s.build === "second" && s.controlled && s.keys.length === 1 ? s : null;
  }, async () => `the new build did not take over: ${JSON.stringify(await cacheState(page))}`);
  check(now.keys[0] === `mx-${version}`, `the old cache is gone and the new one is used: ${now.keys}`);
  await ready(page);
  await useALesson(page);
});
