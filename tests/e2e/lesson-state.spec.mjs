// Lesson 1 (#/state): the grid world moves by keys, buttons and clicks and its state vector
// follows; the tracking example reacts to every control; the state survives a reload.
import { test, check, ready, visit, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, quiet, reportUpdates, slide, updatesLanded } from "./lesson-tools.mjs";

async function drawn(page) {
  await page.waitForFunction(() => [...document.querySelectorAll("canvas")].every((c) => Number(c.dataset.draws) > 0));
}

for (const lang of ["en", "ko"]) {
  test(`state lesson draws and reacts in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/state", lang));
    await drawn(page);
    check((await page.$$("canvas")).length === 2, "two figures");
    const vector = () => page.$eval(".lesson-state .equation mtable", (t) => t.textContent);
    const start = await vector();
    // The equation is MathML, and a move rewrites its numbers in place (the same elements).
    await page.$eval(".lesson-state .equation math", (m) => { m.dataset.before = "1"; });
    check(await page.$eval(".lesson-state .equation math",
      (m) => m.namespaceURI === "http://www.w3.org/1998/Math/MathML" && m.querySelector("mtable mtd mn") !== null),
    "the equation is not MathML with a table of numbers");

    // Keyboard: focus the grid and press ↑ → the agent moves, the vector changes, the lesson stays.
    const before = await canvases(page);
    await page.focus(".grid-box");
    await page.keyboard.press("ArrowUp");
    await page.waitForFunction((s) => document.querySelector(".lesson-state .equation mtable").textContent !== s, start);
    check(await page.$eval(".lesson-state .equation math", (m) => m.dataset.before === "1"),
      "the equation was made anew instead of updated in place");
    check((await page.evaluate(() => location.hash)).startsWith("#/state?"), "the arrow key left the lesson");
    check((await canvases(page))[0] !== before[0], "the grid did not redraw after a move");

    // Buttons and a click on the goal cell.
    await page.click(".arrows button:nth-child(4)");
    const box = await page.$eval(".grid-box canvas", (c) => { const r = c.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
    // The goal (6, 5) of an 8×8 grid with a 6 % margin: column 6, row 5 counted from the bottom.
    const cell = (i) => 0.06 + (i + 0.5) * (0.88 / 8);
    await page.mouse.click(box[0] + box[2] * cell(6), box[1] + box[3] * (1 - cell(5)));
    await page.waitForSelector(".lesson-state .banner.info");
    check((await vector()).replace(/\s/g, "").endsWith("0"), "d is not 0 at the goal");

    // Each tracking control changes the tracking figure.
    for (const act of [
      () => slide(page, "#state-noise", 1.5),
      () => slide(page, "#state-k", 50),
      () => page.click("#state-truth"),
      () => page.click(".play button:nth-child(3)"), // Step
    ]) {
      const was = (await canvases(page))[1];
      await act();
      await page.waitForFunction((w) => document.querySelectorAll("canvas")[1].toDataURL() !== w, was);
    }
    const readouts = await page.$$eval(".readout", (ps) => ps.map((p) => p.textContent));
    check(readouts.length === 2 && readouts.every((r) => /\d\.\d\d/.test(r)), `readouts: ${readouts}`);
    await shot(`state-${lang}`);

    // The state is in the address: a reload restores it.
    const hash = await page.evaluate(() => location.hash);
    check(hash.includes("noise=1.5") && hash.includes("truth=1") && hash.includes("moves="), hash);
    const figures = await canvases(page);
    await page.reload();
    await ready(page);
    await drawn(page);
    check((await page.$eval("#state-noise", (e) => e.value)) === "1.5", "noise not restored");
    const again = await canvases(page);
    check(again[0] === figures[0] && again[1] === figures[1], "figures differ after reload");
  });
}

test("state lesson plays the tracking animation and reports update timings", async ({ page, url }) => {
  await visit(page, url("#/state?k=1", "en"));
  await drawn(page);
  await page.click(".play button.primary");
  await page.waitForFunction(() => Number(document.querySelector("#state-k").value) >= 4, null, { timeout: 20000 });
  await page.click(".play button.primary"); // pause
  const since = await quiet(page, "state");
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "#state-noise", (0.05 * (i % 20)).toFixed(2));
  await updatesLanded(page, "state", since + UPDATE_SAMPLES);
  await reportUpdates(page, "state", "noise moves", since);
});
