// Lesson 6 (#/hippo): the LegS heat-map follows N and the matrix choice; the memory figure
// reacts to every control, to drawing with the mouse and to the keyboard; the S4 kernel and the
// question's impulse responses react to their controls; the state survives a reload.
import { test, check, ready, visit, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, quiet, reportUpdates, slide, updatesLanded } from "./lesson-tools.mjs";

const FIGURES = { heat: 0, memory: 1, bars: 2, errors: 3, kernel: 4, outputs: 5, impulses: 6 };

async function drawn(page) {
  await page.waitForFunction(() => {
    const cs = [...document.querySelectorAll("canvas")];
    return cs.length === 7 && cs.every((c) => Number(c.dataset.draws) > 0);
  }, null, { timeout: 30000 });
}

/** Runs `act` and waits until figure `index` has redrawn into a different picture. */
async function changes(page, index, act, what) {
  const was = (await canvases(page))[index];
  await act();
  try {
    await page.waitForFunction(([i, w]) => document.querySelectorAll("canvas")[i].toDataURL() !== w, [index, was], { timeout: 20000 });
  } catch {
    throw new Error(`${what} did not change figure ${index}`);
  }
}

const text = (page, selector) => page.$eval(selector, (e) => e.textContent);

/** Scrolls the element into view and returns its box in the viewport, for the mouse. */
const box = (page, selector) => page.$eval(selector, (e) => {
  e.scrollIntoView({ block: "center" });
  const r = e.getBoundingClientRect();
  return [r.x, r.y, r.width, r.height];
});

for (const lang of ["en", "ko"]) {
  test(`hippo lesson draws and reacts in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/hippo", lang));
    await drawn(page);
    await shot(`hippo-${lang}-start`);

    // The matrix panel: N and the matrix choice redraw the heat-map; a click reads a cell.
    await changes(page, FIGURES.heat, () => slide(page, "#hippo-n", 8), "N");
    await changes(page, FIGURES.heat, () => page.selectOption("#hippo-matrix", "random"), "the matrix choice");
    const cellHint = await text(page, ".matrix-notes .readout");
    const heat = await box(page, ".heat canvas");
    await changes(page, FIGURES.heat, () => page.mouse.click(heat[0] + heat[2] * 0.4, heat[1] + heat[3] * 0.4), "a click on a cell");
    const cell = await text(page, ".matrix-notes .readout");
    check(cell !== cellHint && /A\[\d+, \d+\]/.test(cell) && /\d/.test(cell), `cell readout: ${cell}`);
    check((await page.$$eval(".matrix-notes math", (ms) => ms.length)) >= 3, "the definition and the live corner of A and B");
    // … and so do the arrow keys, without leaving the lesson.
    await page.focus(".heat");
    await changes(page, FIGURES.heat, () => page.keyboard.press("ArrowDown"), "↓ on the heat-map");
    check((await text(page, ".matrix-notes .readout")) !== cell, "↓ did not pick another cell");
    check((await page.evaluate(() => location.hash)).startsWith("#/hippo?"), "arrow keys on the heat-map left the lesson");

    // The memory panel: every control changes the memory picture.
    await changes(page, FIGURES.memory, () => slide(page, "#hippo-n2", 24), "the second N slider");
    check((await page.$eval("#hippo-n", (e) => e.value)) === "24", "the two N sliders disagree");
    await changes(page, FIGURES.memory, () => page.selectOption("#hippo-signal", "chirp"), "the signal preset");
    await changes(page, FIGURES.memory, () => page.selectOption("#hippo-compare", "random"), "the compared system");
    await changes(page, FIGURES.errors, () => page.selectOption("#hippo-precision", "bf16"), "the number format");
    check(/bfloat16/.test(await text(page, ".readout.compared")), "the readout names the format");
    await changes(page, FIGURES.memory, () => page.click(".play button:nth-child(4)"), "Reset"); // back to step 1
    check(/\b1 \/ 128/.test(await text(page, ".play-position")), "Reset did not go to step 1");
    await changes(page, FIGURES.bars, () => page.click(".play button:nth-child(3)"), "Step");
    await changes(page, FIGURES.memory, () => slide(page, "#hippo-n2", 40), "N at an early step");

    // Play runs the signal in and the bars move.
    await page.click(".play button.primary");
    await page.waitForFunction(() => /\b(1[0-9]|[2-9][0-9]|1[0-2][0-9]) \//.test(document.querySelector(".play-position").textContent), null, { timeout: 20000 });
    await page.click(".play button.primary"); // pause
    // Keyboard on the play controls: → steps on, and the lesson stays.
    const before = await text(page, ".play-position");
    await page.focus(".play button:nth-child(3)");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((b) => document.querySelector(".play-position").textContent !== b, before);
    check((await page.evaluate(() => location.hash)).startsWith("#/hippo?"), "→ on the play controls left the lesson");

    // Drawing with the mouse turns the signal into a drawn one, kept in the address.
    const pad = await box(page, ".draw-pad canvas");
    await changes(page, FIGURES.memory, async () => {
      await page.mouse.move(pad[0] + pad[2] * 0.15, pad[1] + pad[3] * 0.3);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(pad[0] + pad[2] * (0.15 + 0.04 * i), pad[1] + pad[3] * (0.3 + 0.04 * i));
      await page.mouse.up();
    }, "drawing");
    check((await page.$eval("#hippo-signal", (e) => e.value)) === "drawn", "the signal select does not say drawn");
    check(/sig=drawn&pts=[0-9a-zA-Z]{32}/.test(await page.evaluate(() => location.hash)), "the drawing is not in the address");

    // The keyboard draws too: focus the figure, pick a knot, raise it.
    await page.focus(".draw-pad");
    const pts = await page.evaluate(() => location.hash.match(/pts=([^&]+)/)[1]);
    await changes(page, FIGURES.memory, async () => {
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Shift+ArrowUp");
    }, "the arrow keys on the drawing");
    check((await page.evaluate(() => location.hash.match(/pts=([^&]+)/)[1])) !== pts, "↑ did not move a knot");
    check((await page.evaluate(() => location.hash)).startsWith("#/hippo?"), "arrow keys on the drawing left the lesson");

    // Pointing at a step marks it here and in the S4 output below (linked views), with values.
    const hint = await text(page, ".readout.hovered");
    const outputs = (await canvases(page))[FIGURES.outputs];
    const over = await box(page, ".draw-pad canvas");
    await changes(page, FIGURES.memory, () => page.mouse.move(over[0] + over[2] * 0.4, over[1] + over[3] * 0.5), "pointing");
    const hovered = await text(page, ".readout.hovered");
    check(hovered !== hint && /\d/.test(hovered), `hover readout: ${hovered}`);
    check((await canvases(page))[FIGURES.outputs] !== outputs, "the pointed step is not marked in the S4 output");
    await changes(page, FIGURES.memory, () => page.mouse.move(1, 1), "leaving the figure");

    // The S4 panel and the question.
    await changes(page, FIGURES.kernel, () => slide(page, "#hippo-delta", 0.06), "Δ");
    await changes(page, FIGURES.kernel, () => slide(page, "#hippo-delay", 55), "the delay");
    await changes(page, FIGURES.outputs, () => slide(page, "#hippo-delay", 20), "the delay (outputs)");
    // The readouts carry their numbers in data-value (the sentences differ by language).
    const value = async (selector) => Number(await page.getAttribute(selector, "data-value"));
    check((await value(".max-diff")) < 1e-10, `recurrence and FFT differ by ${await text(page, ".max-diff")}`);
    const fixed = await value(".impulses .readout");
    await changes(page, FIGURES.impulses, () => page.click("#hippo-scaled"), "the 1/k toggle");
    const scaled = await value(".impulses .readout");
    check(fixed < 1e-10 && scaled > 1e-3, `spreads: fixed ${fixed}, scaled ${scaled}`);

    const body = await page.innerText("main");
    check(!/\bNaN\b|\binf\b|∞/.test(body), "a NaN or an infinity is shown");
    await shot(`hippo-${lang}`);

    // The state is in the address: a reload restores it and draws the same figures.
    const hash = await page.evaluate(() => location.hash);
    for (const part of ["n=40", "A=random", "sig=drawn", "cmp=random", "prec=bf16", "dt=0.06", "d=20", "rule=scaled"]) {
      check(hash.includes(part), `${part} missing from ${hash}`);
    }
    const figures = await canvases(page);
    await page.reload();
    await ready(page);
    await drawn(page);
    check((await page.$eval("#hippo-delta", (e) => e.value)) === "0.06", "Δ not restored");
    check(await page.$eval("#hippo-scaled", (e) => e.checked), "the 1/k toggle not restored");
    const again = await canvases(page);
    for (const [name, i] of Object.entries(FIGURES)) {
      if (name !== "heat") check(again[i] === figures[i], `${name} differs after reload`);
    }
  });
}

test("hippo lesson: N = 64 stays responsive; update timings", async ({ page, url }) => {
  await visit(page, url("#/hippo?n=64&cmp=random", "en"));
  await drawn(page);
  await quiet(page, "hippo");
  await page.evaluate(() => performance.clearMeasures("mx:update:hippo"));
  const values = [64, 60, 56, 64, 48, 64, 52, 64, 44, 64];
  for (const v of values) await slide(page, "#hippo-n2", v);
  for (let t = 100; t < 120; t++) await slide(page, "#hippo-delay", t % 100);
  await page.click(".play button:nth-child(4)"); // Reset to step 1
  for (let i = 0; i < 20; i++) await page.click(".play button:nth-child(3)"); // Step
  await updatesLanded(page, "hippo", 40);
  await reportUpdates(page, "hippo", "updates (N = 64)");
  await visit(page, url("#/hippo", "en"));
  await drawn(page);
  await quiet(page, "hippo");
  await page.evaluate(() => performance.clearMeasures("mx:update:hippo"));
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "#hippo-n", 8 + (i % 10) * 2);
  await reportUpdates(page, "hippo", "N-slider moves (default page)");
});

test("hippo lesson: the smallest memory at the first step draws without errors", async ({ page, url }) => {
  for (const cmp of ["random", "s4d-real", "legs-fixed"]) {
    await visit(page, url(`#/hippo?n=1&t=1&cmp=${cmp}&prec=bf16&d=0&dt=0.2&rule=scaled`, "en"));
    await drawn(page);
    check(!/\bNaN\b|\binf\b|∞/.test(await page.innerText("main")), `a NaN or an infinity is shown (${cmp})`);
  }
});

test("hippo lesson: garbage in the address gives a working page", async ({ page, url }) => {
  await visit(page, url("#/hippo?n=0&A=x&sig=drawn&pts=%%%&t=999&cmp=zz&prec=f8&dt=NaN&d=-4&rule=q", "en"));
  await drawn(page);
  check((await page.$eval("#hippo-n", (e) => e.value)) === "1", "n=0 was not clamped to 1");
  check((await page.$eval("#hippo-signal", (e) => e.value)) === "waves", "bad knots did not fall back to the preset");
  check(/128 \/ 128/.test(await text(page, ".play-position")), "t was not clamped");
});
