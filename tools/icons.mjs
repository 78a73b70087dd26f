// Renders static/icon.svg to the manifest's PNG icons (static/icon-192.png, static/icon-512.png)
// with the system Chromium: `node tools/icons.mjs`. The PNGs are committed; rerun after editing
// the SVG.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const svg = readFileSync("static/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `static/icon-${size}.png`, omitBackground: false });
  await page.close();
}
await browser.close();
