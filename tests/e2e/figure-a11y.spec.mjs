// Every figure on every route, in both languages, is an image with a name and a description of
// its key numbers (written from what it drew), and has "Show data" with a table of rows.
import { test, check, until, visit, lessonRoutes } from "./harness.mjs";

/** Figures of numbers the page has yet to make (the training lesson's loss, weights and
 *  spectra, before a model is trained or loaded): their table may be empty until the learner
 *  runs it, but it must be there. */
const madeInThePage = (id) => id.startsWith("train/");

/** The panel routes a lesson page links to (`#/<slug>/<panel>`), besides the lesson itself. */
async function panelRoutes(page, route) {
  return page.$$eval(`main a[href^='${route}/']`, (as) => [...new Set(as.map((a) => a.getAttribute("href").split("?")[0]))]);
}

/** Checks every figure of the page at `route`; returns how many it checked. */
async function checkFigures(page, route) {
  const count = await page.locator("main figure.figure").count();
  if (count === 0) return 0;
  await until(page, () => [...document.querySelectorAll("main figure.figure canvas")].every((c) => Number(c.dataset.draws ?? 0) > 0), null,
    async () => `${route}: figures not drawn: ${await page.$$eval("main figure.figure canvas", (cs) => cs.filter((c) => !(Number(c.dataset.draws ?? 0) > 0)).map((c) => c.closest("figure").dataset.figure))}`);
  // Each canvas is an image named by its label and described by a non-empty caption.
  await until(page, () => [...document.querySelectorAll("main figure.figure canvas")].every((c) => {
    const d = document.getElementById(c.getAttribute("aria-describedby") ?? "");
    return c.getAttribute("role") === "img" && c.getAttribute("aria-label")?.trim() && /\d/.test(d?.textContent ?? "");
  }), null, async () => `${route}: a figure lacks role=img, a name or a description with numbers: ${JSON.stringify(await page.$$eval("main figure.figure canvas", (cs) => cs.map((c) => [c.closest("figure").dataset.figure, c.getAttribute("role"), c.getAttribute("aria-label"), document.getElementById(c.getAttribute("aria-describedby") ?? "")?.textContent])))}`);
  for (let i = 0; i < count; i++) {
    const figure = page.locator("main figure.figure").nth(i);
    const id = await figure.getAttribute("data-figure");
    const toggle = figure.locator(":scope > .show-data .show-data-button");
    check(await toggle.count() === 1, `${route}: ${id} has no Show data toggle`);
    await toggle.click();
    await until(page, ([n, empty]) => document.querySelectorAll("main figure.figure")[n].querySelector(empty ? "table.figure-data thead th" : "table.figure-data tbody tr"), [i, madeInThePage(id)],
      `${route}: ${id}'s data table has no rows`);
    await toggle.click();
    await until(page, ([n]) => !document.querySelectorAll("main figure.figure")[n].querySelector("table.figure-data"), [i], `${route}: ${id}'s table did not close`);
  }
  return count;
}

for (const lang of ["en", "ko"]) {
  test(`every figure has a name, a live summary and Show data with rows (${lang})`, async ({ page, url }) => {
    const lessons = await lessonRoutes(page, url);
    let figures = 0;
    for (const lesson of lessons) {
      await visit(page, url(lesson, lang));
      const routes = [lesson, ...(await panelRoutes(page, lesson))];
      for (const route of routes) {
        if (route !== lesson) await visit(page, url(route, lang));
        figures += await checkFigures(page, route);
      }
    }
    check(figures >= 50, `only ${figures} figures checked`);
  });
}
