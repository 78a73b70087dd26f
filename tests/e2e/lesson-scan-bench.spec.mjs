// The WebGPU bench (#/scan/bench): in headless Chromium with --enable-unsafe-webgpu (SwiftShader)
// the page finds the adapter, times the CPU and the GPU phases at 1K and 4K on load, and the GPU
// result matches the CPU's; longer lengths run on request and can be cancelled. With WebGPU taken
// away (navigator.gpu deleted before the app loads, which is what a browser without WebGPU looks
// like to the page: the harness launches every test with the WebGPU flag, so a second browser is
// not needed) the page says so and measures the CPU alone; the scan lesson's GPU button falls
// back the same way. The compute preference chosen here reaches the lessons.
import { test, check, stays, until, visit } from "./harness.mjs";

const number = (s) => /^\d+(\.\d+)?$/.test(s.trim());

/** The bench table's rows: { len, cpu, gpu, diff, diffOk }. */
function rows(page) {
  return page.$$eval("#bench-table tr[data-len]", (trs) => trs.map((tr) => ({
    len: Number(tr.dataset.len),
    cpu: tr.querySelector(".cpu-ms").textContent,
    gpu: tr.querySelector(".gpu-ms").textContent,
    cells: [...tr.querySelectorAll("td")].map((td) => td.textContent),
    diff: tr.querySelector(".diff").textContent,
    diffOk: tr.querySelector(".diff").classList.contains("ok"),
  })));
}

async function measured(page, len, timeout = 90000) {
  await page.waitForFunction((l) => {
    const tr = document.querySelector(`#bench-table tr[data-len="${l}"]`);
    return tr && /\d/.test(tr.querySelector(".cpu-ms").textContent) && !document.querySelector("#bench-cancel:not([disabled])");
  }, len, { timeout });
}

for (const lang of ["en", "ko"]) {
  test(`bench page runs the scan on WebGPU and matches the CPU in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/scan/bench", lang));
    await measured(page, 4096);
    const name = await page.$eval("#bench-adapter .adapter-name", (td) => td.textContent);
    check(name.trim().length > 0 && !name.startsWith("("), `adapter name: ${name}`);
    check(/(yes|예)/.test(await page.$eval("#bench-adapter .adapter-software", (td) => td.textContent)), "SwiftShader is a software adapter");
    const measuredRows = await rows(page);
    check(measuredRows.map((r) => r.len).join() === "1024,4096", `lengths measured on load: ${measuredRows.map((r) => r.len)}`);
    for (const r of measuredRows) {
      check(r.cells.slice(0, 5).every(number), `L = ${r.len}: timings ${r.cells}`);
      check(r.diffOk && Number(r.diff.replace("−", "-")) <= 1e-4, `L = ${r.len}: GPU and CPU differ by ${r.diff}`);
      console.log(`     ${lang} ${name.trim()}: L=${r.len} CPU ${r.cpu} ms, GPU upload/compute/read/total ${r.cells.slice(1, 5).join("/")} ms, max diff ${r.diff}`);
    }
    check(await page.$("#bench-verdict") !== null, "no verdict");
    await page.waitForFunction(() => document.querySelectorAll("canvas[data-draws]").length === 1);
    await shot(`scan-bench-${lang}`);
  });
}

test("bench page measures longer lengths on request and cancels", async ({ page, url }) => {
  await visit(page, url("#/scan/bench", "en"));
  await measured(page, 4096);
  await page.selectOption("#bench-upto", "16384");
  await until(page, () => location.hash.includes("upto=16384"), null, "the choice is not in the address");
  await page.click("#bench-run");
  await measured(page, 16384, 120000);
  const all = await rows(page);
  check(all.length === 3 && all.every((r) => r.diffOk), `rows ${JSON.stringify(all)}`);
  const long = all[2];
  console.log(`     L=16384 CPU ${long.cpu} ms, GPU upload/compute/read/total ${long.cells.slice(1, 5).join("/")} ms, max diff ${long.diff}`);
  // A long run is cancelled: the buttons come back at once and no more lengths appear.
  await page.selectOption("#bench-upto", "1048576");
  await page.click("#bench-run");
  await page.waitForSelector("#bench-cancel:not([disabled])");
  await page.waitForFunction(() => document.querySelectorAll("#bench-table tr[data-len]").length >= 1, null, { timeout: 60000 });
  await page.click("#bench-cancel");
  await page.waitForSelector("#bench-run:not([disabled])", { timeout: 2000 });
  const after = (await rows(page)).length;
  check(after < 6, `rows kept coming after cancelling: ${after}`);
  // Nothing to wait for here: the check is that no row appears for a while after Cancel.
  await stays(page, async () => (await rows(page)).length, 3000, "rows kept coming after cancelling");
});

for (const lang of ["en", "ko"]) {
  test(`without WebGPU the bench and the lesson fall back to the CPU in ${lang}`, async ({ page, url, shot }) => {
    await page.addInitScript(() => { delete Navigator.prototype.gpu; });
    await visit(page, url("#/scan/bench", lang));
    await page.waitForSelector("#bench-no-webgpu");
    await measured(page, 4096);
    for (const r of await rows(page)) {
      check(number(r.cpu), `CPU time at ${r.len}: ${r.cpu}`);
      check(r.gpu.trim() === "—", `a GPU time without WebGPU: ${r.gpu}`);
    }
    check(await page.$("#bench-adapter") === null, "an adapter is shown without WebGPU");
    await shot(`scan-bench-no-webgpu-${lang}`);
    // The lesson's button says so in words and keeps the CPU result.
    await visit(page, url("#/scan?ex=pairs", lang));
    await page.click("#scan-gpu-run");
    await page.waitForSelector(".gpu .banner.warning");
    check(/WebGPU/.test(await page.$eval(".gpu .banner.warning", (b) => b.textContent)), "the fallback message names WebGPU");
    await page.click("#scan-long-run");
    await page.waitForSelector("#scan-long-result");
  });
}

test("the compute preference set on the bench reaches the lessons", async ({ page, url }) => {
  await visit(page, url("#/scan/bench", "en"));
  await measured(page, 4096);
  // The bench stored what it measured; Auto decides from it.
  const stored = await page.evaluate(() => localStorage.getItem("mamba-explainer.crossover"));
  check(stored && stored.split(";")[1] === "4096", `stored crossover: ${stored}`);
  await page.selectOption("#compute-preference", "gpu");
  await until(page, () => localStorage.getItem("mamba-explainer.compute") === "gpu", null, "the preference is not remembered");
  await visit(page, url("#/scan?long=14", "en"));
  check((await page.$eval("#compute-preference", (s) => s.value)) === "gpu", "the lesson does not see the preference");
  await until(page, () => /GPU — as you chose/.test(document.querySelector("#scan-engine")?.textContent), null, "the engine is not the GPU");
  await page.selectOption("#compute-preference", "auto");
  await until(page, () => /Engine: (CPU|GPU) — .*(bench|measured)/.test(document.querySelector("#scan-engine").textContent), null,
    async () => `Auto does not explain itself: ${await page.$eval("#scan-engine", (p) => p.textContent)}`);
  const auto = await page.$eval("#scan-engine", (p) => p.textContent);
  console.log(`     Auto at L = 16K: ${auto}`);
});
