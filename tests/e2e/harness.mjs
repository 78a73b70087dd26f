// A small end-to-end harness: serves dist/ on loopback, drives Debian's Chromium through
// playwright-core, and fails a test on any console error, page error or request that leaves the
// origin. Specs register tests with `test(name, fn)`; `fn` gets { page, url, shot, ... }.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;
const tests = [];

/** Registers a test. */
export function test(name, fn) {
  tests.push({ name, fn });
}

/** Throws with `message` unless `cond` holds. */
export function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Serves `site.root` (a test may point it at another build: `serveFrom`). */
function serve(site) {
  const server = createServer(async (req, res) => {
    const root = site.root;
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu-sandbox", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic", "--enable-unsafe-webgpu",
];

/** Runs every registered test against the site in `dist`; prints one line per test and a total. */
export async function run(dist, { only } = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const site = { root: dist };
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  let passed = 0, failed = 0;
  for (const t of tests.filter((t) => !only || t.name.includes(only))) {
    site.root = dist;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (!["data:", "blob:"].includes(u.protocol) && u.origin !== origin) problems.push(`request left the origin: ${r.url()}`);
    });
    const started = Date.now();
    try {
      await t.fn({
        page,
        origin,
        url: (hash, lang) => `${origin}/${lang ? `?lang=${lang}` : ""}${hash ?? ""}`,
        shot: (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }),
        // The build under test, and from now on serving the build in `dir` (a new deployment).
        dist,
        serveFrom: (dir) => { site.root = dir; },
      });
      check(problems.length === 0, problems.join("\n"));
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n     ${String(e.message ?? e).split("\n").join("\n     ")}`);
      await page.screenshot({ path: join(ARTIFACTS, `FAIL-${t.name.replace(/[^a-z0-9]+/gi, "-")}.png`) }).catch(() => {});
    }
    await context.close();
  }
  await browser.close();
  server.close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

/** Waits until `fn(arg)` holds in the page, or fails with `message` (a string, or a function
 *  that returns one, for a message that reports what the page shows at the deadline). The
 *  deadline only bounds a hang: the test checks the condition, not the time it took. */
export async function until(page, fn, arg, message, timeout = 20000) {
  try {
    await page.waitForFunction(fn, arg, { timeout });
  } catch (e) {
    if (!/timeout/i.test(String(e.message ?? e))) throw e;
    const said = typeof message === "function" ? await message() : message;
    throw new Error(`${said} (still not so after ${timeout / 1000} s)`);
  }
}

/** Polls `probe` (an async function run here, e.g. comparing canvases before and after) until
 *  it returns a truthy value, which it returns; fails with `message` after `timeout` ms. */
export async function eventually(probe, message, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) {
      const said = typeof message === "function" ? await message() : message;
      throw new Error(`${said} (still not so after ${timeout / 1000} s)`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A negative check, for something that must NOT happen and has no event to wait for: `probe`
 *  must keep returning `expected` (compared as JSON) for the whole of `ms` milliseconds,
 *  sampled every frame. A slow machine can only make this check see less, never fail a correct
 *  page, so the window is an observation time, not a guess at how long an update takes. */
export async function stays(page, probe, ms, message) {
  const expected = JSON.stringify(await probe());
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const now = JSON.stringify(await probe());
    check(now === expected, `${message}: ${expected} became ${now}`);
  }
}

/** Opens `address` and waits until the app has rendered it. When only the hash differs from the
 *  current address the browser stays on the page and fires `hashchange` later (a task of its
 *  own), so this first waits for that event: until then the page still shows the old state. */
export async function visit(page, address) {
  const [from, to] = [page.url(), address];
  const sameDocument = !from.startsWith("about:") && from.split("#")[0] === to.split("#")[0];
  const hashChanges = sameDocument && (from.split("#")[1] ?? "") !== (to.split("#")[1] ?? "");
  if (hashChanges) {
    await page.evaluate(() => {
      window.__mxHashchange = false;
      addEventListener("hashchange", () => { window.__mxHashchange = true; }, { once: true });
    });
  }
  await page.goto(address);
  if (hashChanges) await until(page, () => window.__mxHashchange, null, `no hashchange after going to ${address}`);
  await ready(page);
}

/** The lesson routes (`#/slug`) in course order, as the home page's navigation lists them: the
 *  app's lesson registry, read from the page rather than written out again in the tests. */
export async function lessonRoutes(page, url) {
  await visit(page, url("#/", "en"));
  const routes = await page.$$eval(".side ol a[href^='#/']", (as) => as.map((a) => a.getAttribute("href")));
  check(routes.length > 0 && new Set(routes).size === routes.length, `the navigation lists no or repeated lessons: ${routes}`);
  return routes;
}

/** Waits until the app has rendered the page for the current address. */
export async function ready(page) {
  await page.waitForSelector("main h1", { timeout: 20000 });
  await page.waitForFunction(() => {
    const route = (location.hash || "#/").split("?")[0];
    const known = [...document.querySelectorAll(".side ol a")].map((a) => a.getAttribute("href"));
    if (route === "#/" || route === "#") return !!document.querySelector(".path");
    const lesson = "#/" + route.slice(2).split("/")[0];
    if (!known.includes(lesson)) return !!document.querySelector(".not-found");
    return document.querySelector(".side a.current")?.getAttribute("href") === lesson;
  }, null, { timeout: 20000 });
}

/** A fingerprint of every canvas on the page, to tell whether figures changed. */
export function canvases(page) {
  return page.$$eval("canvas", (cs) => cs.map((c) => c.toDataURL()));
}
