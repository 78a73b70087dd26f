// Looking at a lesson as a learner: saves a screenshot of each section of the page (panels,
// questions, prose) to tests/e2e/artifacts/look/, for reading at full size.
// Usage: node tests/e2e/look.mjs dist '#/continuous?x=sine' [en|ko] [name]
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, ARTIFACTS, ready } from "./harness.mjs";

const [dist = "dist", hash = "#/", lang = "en", name = "page"] = process.argv.slice(2);
const root = resolve(dist);
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };
const server = createServer(async (req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  try {
    res.writeHead(200, { "content-type": types[extname(path)] ?? "text/html" })
      .end(await readFile(join(root, path.endsWith("/") ? path + "index.html" : path)));
  } catch { res.writeHead(404).end(); }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on("console", (m) => { if (m.type() === "error") console.log("console error:", m.text()); });
await page.goto(`http://127.0.0.1:${server.address().port}/?lang=${lang}${hash}`);
await ready(page);
// Every figure has drawn (`data-draws` counts completed draws) and a frame has painted it.
await page.waitForFunction(() => [...document.querySelectorAll("main canvas")].every((c) => Number(c.dataset.draws ?? 0) > 0));
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const dir = join(ARTIFACTS, "look");
await mkdir(dir, { recursive: true });
const parts = await page.$$("main article > *");
for (const [i, el] of parts.entries()) {
  const box = await el.boundingBox();
  if (box && box.height > 4) await el.screenshot({ path: join(dir, `${name}-${String(i).padStart(2, "0")}.png`) });
}
console.log(`${parts.length} parts saved to ${dir}`);
await browser.close();
server.close();
