// The dark theme: it follows prefers-color-scheme, the header switch overrides it and is
// remembered, and the figures redraw in the theme (a canvas's background pixel is sampled).
import { test, check, until, eventually, visit } from "./harness.mjs";
import { allDrawn } from "./lesson-tools.mjs";

/** Relative luminance (0 dark … 1 light) of the first figure's top-left pixel, its paper. */
const figurePaper = (page) => page.$eval("main canvas", (c) => {
  const [r, g, b] = c.getContext("2d").getImageData(2, 2, 1, 1).data;
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
});
/** Relative luminance of the page's background. */
const pageBackground = (page) => page.evaluate(() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
});
const draws = (page) => page.$eval("main canvas", (c) => Number(c.dataset.draws ?? 0));

for (const lang of ["en", "ko"]) {
  test(`a dark system gets a dark page and dark figures, and the switch turns them light (${lang})`, async ({ page, url }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await visit(page, url("#/continuous", lang));
    await allDrawn(page, 1);
    check(await pageBackground(page) < 0.15, "the page background is dark");
    await eventually(async () => (await figurePaper(page)) < 0.15, async () => `the figure's paper is not dark: ${await figurePaper(page)}`);
    check(await page.getAttribute(".theme-button", "aria-pressed") === "true", "the switch shows dark");

    const before = await draws(page);
    await page.click(".theme-button");
    await until(page, () => document.documentElement.dataset.theme === "light", null, "the switch did not choose light");
    await eventually(async () => (await draws(page)) > before && (await figurePaper(page)) > 0.9,
      async () => `the figure did not redraw light: ${await figurePaper(page)}`);
    check(await pageBackground(page) > 0.9, "the page background is light");

    // Remembered: a reload with the system still dark stays light.
    await page.reload();
    await allDrawn(page, 1);
    await eventually(async () => (await figurePaper(page)) > 0.9, "the light choice was forgotten on reload");
    check(await page.evaluate(() => localStorage.getItem("mx-theme")) === "light", "the choice is stored");
  });
}

test("a light system gets light figures; choosing dark redraws them and is remembered", async ({ page, url }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await visit(page, url("#/hippo", "en"));
  await allDrawn(page, 1);
  await eventually(async () => (await figurePaper(page)) > 0.9, "the figure's paper is not light");
  await page.click(".theme-button");
  await eventually(async () => (await figurePaper(page)) < 0.15, async () => `the figure did not redraw dark: ${await figurePaper(page)}`);
  // Every figure of the lesson is dark, not only the first.
  const papers = await page.$$eval("main canvas", (cs) => cs.map((c) => {
    const [r, g, b] = c.getContext("2d").getImageData(2, 2, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  }));
  check(papers.every((l) => l < 0.15), `some figures stayed light: ${papers.map((l) => l.toFixed(2))}`);
  await visit(page, url("#/scan", "en"));
  await allDrawn(page, 1);
  await eventually(async () => (await figurePaper(page)) < 0.15, "the dark choice did not carry to the next lesson");
});

test("presenter mode from the address draws the figures for a room from the first screen", async ({ page, origin }) => {
  // The stage hides the lesson's heading, so wait for its figures rather than for the page.
  await page.goto(`${origin}/?present=1#/continuous`);
  await until(page, () => document.querySelector("main canvas[data-draws]"), null, "no figure drawn on the stage");
  await until(page, () => [...document.querySelectorAll("main canvas")].every((c) => c.dataset.variant === "projector-light"), null,
    async () => `figures drawn as ${await page.$$eval("main canvas", (cs) => cs.map((c) => c.dataset.variant))}`);
  // The stage hides the header; a system turning dark reaches the figures all the same.
  await page.emulateMedia({ colorScheme: "dark" });
  await until(page, () => document.querySelector("main canvas").dataset.variant === "projector-dark", null, "dark presenter mode");
});

test("presenter mode redraws the figures for a room", async ({ page, url }) => {
  await visit(page, url("#/continuous", "en"));
  await allDrawn(page, 1);
  const screen = await page.$eval("main canvas", (c) => c.toDataURL());
  await page.evaluate(() => document.documentElement.classList.add("presenting"));
  await eventually(async () => (await page.$eval("main canvas", (c) => c.toDataURL())) !== screen,
    "turning presenter mode on did not redraw the figure");
  await until(page, () => document.querySelector("main canvas").dataset.variant === "projector-light", null, "not drawn for a projector");
  const ink = await page.evaluate(() => getComputedStyle(document.body).color);
  check(ink === "rgb(0, 0, 0)", `the projector page ink is black, not ${ink}`);
});
