// Lesson 9 (#/compare): the page measures the three models itself (small contexts here, so the
// suite stays fast), plots what it measured, stays responsive while measuring, can be cancelled,
// and keeps its settings in the address.
import { test, check, ready, stays, until, visit, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, quiet, reportUpdates, updatesLanded } from "./lesson-tools.mjs";

const SMALL = "#/compare?d=16&lmax=128&r=3";

/** Waits until the measurement has finished and both figures show it. */
async function measured(page, timeout = 60000) {
  await page.waitForFunction(() => Number(document.querySelector("#compare-progress")?.value) >= 1
    && !document.querySelector("#compare-run").disabled, null, { timeout });
  await page.waitForFunction(() => [...document.querySelectorAll(".lesson-compare canvas")].every((c) => Number(c.dataset.draws) > 0));
}

/** The measured table as numbers: [L, µs × 3, bytes × 3] per row. */
function table(page) {
  return page.$$eval("table.measured tbody tr", (rows) => rows.map((r) => {
    const cells = [...r.querySelectorAll("th, td")].map((c) => c.textContent.replace(/\s/g, ""));
    const bytes = (s) => { const m = s.match(/^([\d.]+)(B|KiB|MiB)$/); return m ? Number(m[1]) * { B: 1, KiB: 1024, MiB: 1048576 }[m[2]] : NaN; };
    return [Number(cells[0]), ...cells.slice(1, 4).map(Number), ...cells.slice(4).map(bytes)];
  }));
}

for (const lang of ["en", "ko"]) {
  test(`compare lesson measures, plots and reacts in ${lang}`, async ({ page, url, shot }) => {
    // Long tasks (> 50 ms) while measuring would mean the page froze.
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: true });
    });
    await visit(page, url(SMALL, lang));
    await measured(page);
    check((await page.$$(".lesson-compare canvas")).length === 2, "two figures");
    const rows = await table(page);
    check(rows.map((r) => r[0]).join() === "8,16,32,64,128", `contexts ${rows.map((r) => r[0])}`);
    for (const r of rows) {
      check(r.slice(1, 4).every((us) => Number.isFinite(us) && us > 0), `times at L=${r[0]}: ${r}`);
      // Bytes from the data structures: keys and values of d_head = 16 per token; Mamba's
      // 32 × (3 + 16) state; the RNN's 32 hidden values (8 bytes each). Shown to 0.1 KiB.
      const near = (got, want) => Math.abs(got - want) <= 0.05 * 1024 + 1e-9;
      check(near(r[4], 2 * r[0] * 16 * 8), `KV cache at ${r[0]}: ${r[4]}`);
      check(near(r[5], 32 * 19 * 8) && r[6] === 256, `fixed states at ${r[0]}: ${r[5]}, ${r[6]}`);
    }
    const text = await page.$eval(".lesson-compare", (e) => e.textContent);
    check(!/NaN|\binf\b|⟦missing/.test(text), "NaN, inf or a missing text on the page");
    // The growth is stated once the measurement has finished (never beside "Measuring…").
    await until(page, () => /×[\d.]+/.test(document.querySelector(".readout.growth").textContent), null, "no growth factors in the answer");
    const longest = Math.max(0, ...(await page.evaluate(() => window.__long)));
    console.log(`     ${lang}: longest task while loading and measuring ${longest.toFixed(0)} ms`);
    await shot(`compare-${lang}`);

    // The log toggle redraws both figures; a setting starts a new measurement.
    let was = await canvases(page);
    await page.click("#compare-log");
    await page.waitForFunction((w) => [...document.querySelectorAll(".lesson-compare canvas")].every((c, i) => c.toDataURL() !== w[i]), was);
    for (const [id, value] of [["#compare-d", "32"], ["#compare-r", "5"], ["#compare-lmax", "64"]]) {
      was = await canvases(page);
      await page.selectOption(id, value);
      await page.waitForFunction(() => document.querySelector("#compare-run").disabled);
      await measured(page);
      check((await canvases(page)).some((c, i) => c !== was[i]), `${id} did not change the figures`);
    }
    check((await table(page)).length === 4, "lmax 64: contexts 8, 16, 32, 64");

    // The settings are in the address and come back after a reload.
    const hash = await page.evaluate(() => location.hash);
    for (const kv of ["d=32", "r=5", "lmax=64", "log=1"]) check(hash.includes(kv), `${kv} missing from ${hash}`);
    await page.reload();
    await ready(page);
    await measured(page);
    check((await page.$eval("#compare-d", (e) => e.value)) === "32" && (await page.$eval("#compare-log", (e) => e.checked)), "settings not restored");
  });
}

test("compare lesson can be cancelled and stays responsive", async ({ page, url }) => {
  await visit(page, url("#/compare?d=64&lmax=4096&r=15", "en"));
  // From here on, record every long task (> 50 ms) of the main thread.
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
  });
  await page.waitForFunction(() => Number(document.querySelector("#compare-progress").value) > 0.02, null, { timeout: 30000 });
  // The page answers while measuring: a click on the log toggle redraws within a second.
  const started = Date.now();
  await page.click("#compare-log");
  await page.waitForFunction(() => location.hash.includes("log=1"), null, { timeout: 2000 });
  const answered = Date.now() - started;
  await page.click("#compare-cancel");
  await page.waitForFunction(() => !document.querySelector("#compare-run").disabled, null, { timeout: 2000 });
  const progress = Number(await page.$eval("#compare-progress", (e) => e.value));
  check(progress < 1, "the measurement finished instead of stopping");
  // Nothing to wait for here: the check is that the progress stands still after Cancel.
  await stays(page, async () => Number(await page.$eval("#compare-progress", (e) => e.value)), 300, "the measurement went on after Cancel");
  const long = await page.evaluate(() => window.__long);
  console.log(`     a click answered in ${answered} ms (Playwright round trip) while measuring; cancelled at ${(progress * 100).toFixed(0)} %; long tasks while measuring: ${long.length ? long.map((d) => d.toFixed(0)).join(", ") + " ms" : "none"}`);
  check(long.every((d) => d < 250), `the page froze for ${Math.max(...long)} ms`);
  const times = await page.evaluate(() => performance.getEntriesByName("mx:update:compare").map((e) => e.duration));
  console.log(`     mx:update:compare of the log toggle while measuring: ${times.at(-1).toFixed(1)} ms`);
});

test("compare lesson reports update timings", async ({ page, url }) => {
  await visit(page, url("#/compare?d=16&lmax=64&r=3", "en"));
  await measured(page);
  const before = await quiet(page, "compare"); // the first render (page load) is not a control change
  for (let i = 0; i < UPDATE_SAMPLES; i++) await page.click("#compare-log");
  await updatesLanded(page, "compare", before + UPDATE_SAMPLES);
  await reportUpdates(page, "compare", "log-axis toggles", before);
});
