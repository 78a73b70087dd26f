// "Show data": a figure's numbers as a table and as a CSV download. The table's rows are the
// numbers the lesson shows elsewhere (the scan lesson's cost table), and the CSV is the table.
import { readFileSync } from "node:fs";
import { test, check, until, visit } from "./harness.mjs";
import { allDrawn, slide } from "./lesson-tools.mjs";

/** The CSV text behind a download link, parsed into header and rows (RFC 4180 quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += c;
  }
  return { header: rows[0], rows: rows.slice(1) };
}

for (const lang of ["en", "ko"]) {
  test(`show data lists the cost figure's numbers and downloads them as CSV (${lang})`, async ({ page, url }) => {
    await visit(page, url("#/scan", lang));
    await allDrawn(page, 1);
    const figure = page.locator("figure", { has: page.locator(`canvas[aria-label="${await page.$eval(".cost canvas", (c) => c.getAttribute("aria-label"))}"]`) });
    const toggle = figure.locator(".show-data-button");
    check(await toggle.getAttribute("aria-expanded") === "false", "the table starts hidden");
    await toggle.click();
    await until(page, () => document.querySelector(".cost table.figure-data tbody tr"), null, "no data table appeared");
    check(await toggle.getAttribute("aria-expanded") === "true", "the toggle reports the open table");

    // The row for the lesson's current n holds the work and depth of the lesson's own table.
    await slide(page, "scan-cost", 10);
    const n = 1 << 10;
    const lessonTable = await page.$$eval(".cost-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent.replace(/[^0-9.]/g, "")))));
    const dataRows = await page.$$eval(".cost table.figure-data tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    const row = dataRows.find((r) => Number(r[0]) === n);
    check(row, `no row for n = ${n} in ${JSON.stringify(dataRows.map((r) => r[0]))}`);
    const flat = lessonTable.flat();
    check(flat.length === 6 && flat.every((v, i) => Number(row[i + 1]) === v), `row ${row} against the lesson's table ${flat}`);

    // The CSV: a header like the table's, the same rows, full-precision numbers.
    const link = figure.locator("a.csv-link");
    check((await link.getAttribute("download")).endsWith(".csv"), "the link downloads a .csv file");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const csv = parseCsv(readFileSync(await download.path(), "utf8"));
    const header = await page.$$eval(".cost table.figure-data thead th", (ths) => ths.map((th) => th.textContent));
    check(JSON.stringify(csv.header) === JSON.stringify(header), `CSV header ${csv.header} against ${header}`);
    check(csv.rows.length === dataRows.length, `${csv.rows.length} CSV rows, ${dataRows.length} table rows`);
    check(csv.rows.every((r) => r.length === header.length && r.every((v) => Number.isFinite(Number(v)))), "every CSV cell is a number");
    check(JSON.stringify(csv.rows.find((r) => Number(r[0]) === n)) === JSON.stringify(row.map((v) => String(Number(v)))), "the CSV row for n matches the table");
    if (lang === "ko") check(/[\uac00-\ud7a3]/.test(header.join("")), "Korean headers");

    await toggle.click();
    await until(page, () => !document.querySelector(".cost table.figure-data"), null, "hiding the data left the table");
  });
}

test("the time plots of #/continuous show their samples", async ({ page, url }) => {
  await visit(page, url("#/continuous", "en"));
  await allDrawn(page, 3);
  const toggles = page.locator(".time-plots .show-data-button");
  check(await toggles.count() === 3, "each time plot has Show data");
  await toggles.nth(1).click();
  await until(page, () => document.querySelectorAll(".time-plots table.figure-data tbody tr").length > 10, null, "no state samples listed");
  const header = await page.$$eval(".time-plots table.figure-data thead th", (ths) => ths.map((th) => th.textContent));
  check(header.length === 3, `t, h₁, h₂ columns: ${header}`);
  const first = await page.$$eval(".time-plots table.figure-data tbody tr:first-child td", (tds) => tds.map((td) => Number(td.textContent.replace("−", "-"))));
  check(first[0] === 0 && first[1] === 0 && first[2] === 0, `the run starts at rest: ${first}`);
});

test("#/hippo's outputs table gives the max |recurrent − convolution| the lesson states", async ({ page, url }) => {
  await visit(page, url("#/hippo", "en"));
  await allDrawn(page, 1);
  const panel = page.locator('figure[data-figure="hippo/outputs"]');
  await panel.locator(".show-data-button").click();
  await until(page, () => document.querySelector('figure[data-figure="hippo/outputs"] table.figure-data tbody tr'), null, "no outputs table");
  const link = panel.locator("a.csv-link");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const csv = parseCsv(readFileSync(await download.path(), "utf8"));
  check(csv.header.length === 4, `k, input, recurrent, convolution: ${csv.header}`);
  const diff = Math.max(...csv.rows.map((r) => Math.abs(Number(r[2]) - Number(r[3]))));
  const stated = Number(await page.getAttribute(".max-diff", "data-value"));
  check(Math.abs(diff - stated) <= 1e-12 * Math.max(1, stated), `max difference from the CSV ${diff}, the lesson says ${stated}`);
});
