// Figures to take away: every figure carries its catalogue id; Download PNG and SVG give valid
// files named for lesson, figure and language; Copy link copies the current view; the QR code
// carries the same link; print media shows a handout without navigation or controls.
import { readFile } from "node:fs/promises";
import { test, check, until, visit } from "./harness.mjs";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Opens the tools of the figure with catalogue id `id`; returns its locator. */
async function tools(page, id) {
  const figure = page.locator(`figure[data-figure="${id}"]`);
  await figure.locator(".figure-tools > summary").click();
  await until(page, (id) => document.querySelector(`figure[data-figure="${id}"] .figure-tools`)?.open, id,
    `the tools of ${id} did not open`);
  return figure;
}

/** Clicks `button` of `figure` and returns the download's suggested name and bytes. */
async function download(page, figure, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), figure.locator(button).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test("every figure names itself with a catalogue id", async ({ page, url }) => {
  await visit(page, url("#/discretize", "en"));
  await until(page, () => document.querySelectorAll("figure canvas[data-draws]").length >= 8, null, "figures not drawn");
  const ids = await page.$$eval("figure", (fs) => fs.map((f) => f.dataset.figure));
  check(ids.every((id) => /^discretize\/[a-z-]+$/.test(id)), `ids: ${ids}`);
  check(new Set(ids).size === ids.length, `repeated ids: ${ids}`);
  check(ids.includes("discretize/hold") && ids.includes("discretize/integral"), `ids: ${ids}`);
});

for (const lang of ["en", "ko"]) {
  test(`downloads are a valid PNG and SVG named for the figure (${lang})`, async ({ page, url }) => {
    await visit(page, url("#/discretize?d=0.8&m=euler", lang));
    await until(page, () => document.querySelector('figure[data-figure="discretize/hold"] canvas[data-draws]'), null,
      "the hold figure was not drawn");
    const figure = await tools(page, "discretize/hold");
    const png = await download(page, figure, ".figure-png");
    check(png.name === `mamba-explainer_discretize_hold_${lang}.png`, `PNG name ${png.name}`);
    check(PNG.every((b, i) => png.bytes[i] === b), "the PNG has no PNG signature");
    check(png.bytes.length > 2000, `the PNG is ${png.bytes.length} bytes`);
    const svg = await download(page, figure, ".figure-svg");
    check(svg.name === `mamba-explainer_discretize_hold_${lang}.svg`, `SVG name ${svg.name}`);
    // Parsed in a blank page of the same browser: the app's CSP is not the file's concern.
    const blank = await page.context().newPage();
    const parsed = await blank.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const root = doc.documentElement;
      return {
        ok: root.nodeName === "svg" && !doc.querySelector("parsererror"),
        texts: [...doc.querySelectorAll("text")].map((t) => t.textContent).join(" "),
      };
    }, svg.bytes.toString("utf8"));
    await blank.close();
    check(parsed.ok, "the SVG does not parse");
    check(parsed.texts.length > 0, "the SVG has no text");
    if (lang === "ko") check(/[\uac00-\ud7a3]/.test(parsed.texts), "the Korean SVG has no Korean text");
    // The SVG is drawn for the state in the address: the chosen rule names its samples.
    const rule = lang === "en" ? /Euler/ : /오일러|Euler/;
    check(rule.test(parsed.texts), `the SVG does not show the Euler rule: ${parsed.texts.slice(0, 200)}`);
  });
}

test("Copy link copies the current view, and the QR code carries it", async ({ page, url }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await visit(page, url("#/views?l=24&k=5", "en"));
  const figure = await tools(page, "views/outputs");
  await figure.locator(".figure-copy").click();
  await until(page, () => document.querySelector('figure[data-figure="views/outputs"] .figure-status')?.textContent.length > 0,
    null, "no status after copying");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const here = await page.evaluate(() => location.href);
  check(copied === here, `copied ${copied}, the page is at ${here}`);
  check(copied.includes("#/views") && copied.includes("l=24"), `copied ${copied}`);
  await figure.locator(".figure-qr-toggle").click();
  await until(page, () => document.querySelector('figure[data-figure="views/outputs"] .figure-qr svg path')?.getAttribute("d")?.length > 100,
    null, "no QR code");
  const link = await figure.locator(".figure-qr svg").getAttribute("data-link");
  check(link === here, `the QR code's link ${link} is not the page's ${here}`);
});

test("print media shows a handout: figures and equations, no navigation or controls", async ({ page, url }) => {
  await visit(page, url("#/discretize", "en"));
  await until(page, () => document.querySelectorAll("figure canvas[data-draws]").length >= 8, null, "figures not drawn");
  await page.emulateMedia({ media: "print" });
  const shown = (selector) => page.$$eval(selector, (els) =>
    els.filter((e) => getComputedStyle(e).display !== "none" && e.getBoundingClientRect().height > 0).length);
  await until(page, () => getComputedStyle(document.querySelector("nav.side")).display === "none", null,
    "the navigation still shows in print");
  for (const hidden of ["nav.side", "header.top", "footer.bottom", ".controls", ".figure-tools", "main button", "main input"]) {
    check((await shown(hidden)) === 0, `${hidden} shows in print`);
  }
  check((await shown("figure canvas")) >= 8, "figures are missing in print");
  check((await shown("math")) > 0, "equations are missing in print");
  const breaks = await page.$eval("figure", (f) => getComputedStyle(f).breakInside);
  check(breaks === "avoid", `figures may be split across pages (break-inside: ${breaks})`);
  await page.emulateMedia({ media: "screen" });
  await until(page, () => getComputedStyle(document.querySelector("nav.side")).display !== "none", null,
    "the navigation does not come back on screen");
});
