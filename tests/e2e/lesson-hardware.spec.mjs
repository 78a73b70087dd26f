// Lesson 11 (#/hardware): the memory hierarchy, the per-kernel table and the bytes chart follow
// every control; model, measurement and published specifications are labelled as such; the CPU
// measurement runs on request; the state survives a reload.
import { test, check, eventually, ready, visit, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, quiet, reportUpdates, slide } from "./lesson-tools.mjs";

for (const lang of ["en", "ko"]) {
  test(`hardware lesson draws and reacts in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/hardware", lang));
    await page.waitForFunction(() => Number(document.querySelector("canvas")?.dataset.draws) > 0);
    // The picture as text and arrow widths, the table's text, and the chart's pixels.
    const picture = () => page.$eval(".hierarchy", (s) => s.textContent + [...s.querySelectorAll("line")].map((l) => l.getAttribute("stroke-width")).join());
    const view = async () => [await picture(), await page.$eval("#hardware-table", (t) => t.textContent), (await canvases(page))[0]];
    for (const [what, act, parts] of [
      ["batch", () => slide(page, "#hardware-batch", 8), [0, 1, 2]],
      ["D", () => slide(page, "#hardware-d", 1536), [0, 1, 2]],
      ["N", () => slide(page, "#hardware-n", 64), [0, 1, 2]],
      ["L", () => slide(page, "#hardware-l", 16), [0, 1, 2]],
      ["value type", () => page.selectOption("#hardware-bytes", "4"), [0, 1, 2]],
      ["GPU", () => page.selectOption("#hardware-gpu", "3"), [0, 1]],
    ]) {
      const before = await view();
      await act();
      let after = before;
      await eventually(async () => { after = await view(); return parts.every((i) => before[i] !== after[i]); },
        () => `${what} did not change part${parts.filter((i) => before[i] === after[i]).map((i) => ` ${i}`)} of the view`);
    }
    const ratio = await page.$eval("#hardware-ratio", (p) => p.textContent);
    check(/\d+\.\d×|\d+\.\d배/.test(ratio), `ratio: ${ratio}`);
    for (const label of [".label-model", ".label-measured", ".label-published"]) check(await page.$(label) !== null, `no ${label}`);
    check((await page.$$("#hardware-specs tbody tr")).length === 6, "six published GPUs");
    check(await page.$eval("#hardware-specs tr.chosen", (tr) => tr.textContent.includes("H200")), "the chosen GPU is not marked");

    await page.click("#hardware-measure");
    await page.waitForSelector("#hardware-measured", { timeout: 30000 });
    const times = await page.$$eval("#hardware-measured td", (tds) => tds.map((td) => parseFloat(td.textContent)));
    check(times.length === 2 && times.every((x) => x > 0), `measured ${times}`);
    console.log(`     ${lang}: ${await page.$eval("#hardware-measured", (d) => d.textContent.replace(/\s+/g, " "))}`);
    check(!/NaN|Infinity/.test(await page.$eval("main", (m) => m.textContent)), "NaN on the page");
    await shot(`hardware-${lang}`);

    const hash = await page.evaluate(() => location.hash);
    check(hash.includes("n=64") && hash.includes("bytes=4") && hash.includes("gpu=3"), hash);
    const before = await view();
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => Number(document.querySelector("canvas")?.dataset.draws) > 0);
    const after = await view();
    check(before.every((x, i) => x === after[i]), "the view differs after a reload");
  });
}

test("hardware lesson reports update timings", async ({ page, url }) => {
  await visit(page, url("#/hardware", "en"));
  const since = await quiet(page, "hardware");
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "#hardware-n", 1 + 3 * (i % 20));
  await reportUpdates(page, "hardware", "N-slider moves", since);
});
