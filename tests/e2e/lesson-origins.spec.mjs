// Lesson 11, #/origins: the mass–spring–damper and the RLC circuit drawn from their state space
// models in both languages, every physical slider redraws and changes A and B, the address keeps
// the state, keyboard playback, the link to the continuous lesson carries the same system, the
// memory answer to the notes' question, the history, and the mx:update:origins measures.
import { test, check, ready, until, visit, canvases } from "./harness.mjs";
import {
  settle, slide, choose, allDrawn, everyControlChangesAFigure, urlRoundTrip, quiet, reportUpdates, noBadText, UPDATE_SAMPLES,
} from "./lesson-tools.mjs";

const FIGURES = 6; // machine, phase plane, 3 time plots, eigenvalues

async function open(page, url, lang, query = "") {
  await visit(page, url(`#/origins${query}`, lang));
  await allDrawn(page, FIGURES);
}

const equations = (page) => page.$$eval("main math", (ms) => ms.map((m) => m.textContent).join(" | "));

for (const lang of ["en", "ko"]) {
  for (const sys of ["spring", "circuit"]) {
    test(`origins (${lang}, ${sys}): loads, draws every figure, every control redraws, the address restores it`,
      async ({ page, url, shot }) => {
        await open(page, url, lang, `?sys=${sys}&x=sine`);
        await noBadText(page);
        const unlabelled = await page.$$eval("main input, main select", (els) =>
          els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.id));
        check(unlabelled.length === 0, `controls without a label: ${unlabelled}`);
        if (lang === "ko") check(/[\uac00-\ud7a3]/.test(await page.innerText("main")), "no Korean in the lesson");
        check((await page.$$("main .history dt")).length >= 6, "the history is missing");
        await shot(`origins-${lang}-${sys}`);
        // The system select comes last: switching machines swaps the sliders.
        const ids = await everyControlChangesAFigure(page, ["origins-system"]);
        check(ids.length >= 6, `expected at least 6 controls, found ${ids}`);
        await urlRoundTrip(page, ready);
      });
  }
}

test("origins: the physical sliders map live to A and B", async ({ page, url }) => {
  await open(page, url, "en", "?m=1&k=1&c=0.2");
  const before = await equations(page);
  check(before.includes("−0.2"), `A should hold −c/m = −0.2: ${before}`);
  await slide(page, "origins-mass", 2);
  const after = await equations(page);
  // With m = 2: −k/m = −0.5, −c/m = −0.1, 1/m = 0.5.
  check(after.includes("−0.5") && after.includes("−0.1") && after.includes("0.5"), `A and B did not follow m: ${after}`);
  await choose(page, "origins-system", "circuit");
  await slide(page, "origins-inductance", 0.5);
  await slide(page, "origins-capacitance", 2);
  await slide(page, "origins-resistance", 1);
  // L = 0.5, C = 2, R = 1: −1/(LC) = −1, −R/L = −2, 1/L = 2, C row = 1/C = 0.5.
  const circuit = await equations(page);
  check(circuit.includes("−2") && circuit.includes("0.5"), `A, B, C did not follow R, L, C: ${circuit}`);
});

test("origins: the link opens the same system in the continuous lesson", async ({ page, url }) => {
  await open(page, url, "en", "?m=2&k=1.5&c=0.5&x=square&p=5");
  const href = await page.getAttribute("a.button[href^='#/continuous']", "href");
  check(href.includes("a21=-0.75") && href.includes("a22=-0.25") && href.includes("b2=0.5"), `link: ${href}`);
  await page.click("a.button[href^='#/continuous']");
  await page.waitForFunction(() => location.hash.startsWith("#/continuous"));
  await ready(page);
  await allDrawn(page, 8);
  check((await page.inputValue("#continuous-a21")) === "-0.75", "a21 did not arrive");
  check((await page.inputValue("#continuous-input")) === "square", "the input did not arrive");
});

test("origins: damping is forgetting — the memory time and the regime follow c", async ({ page, url }) => {
  await open(page, url, "en", "?c=0.2");
  const memory = async () => page.innerText(".memory-panel .eigen-readout");
  const banner = async () => page.innerText(".banner.info");
  check(/Underdamped/.test(await banner()), `banner: ${await banner()}`);
  const slow = Number((await memory()).match(/about ([0-9.]+) s/)[1]);
  await slide(page, "origins-damping", 1);
  const fast = Number((await memory()).match(/about ([0-9.]+) s/)[1]);
  check(fast < slow, `more damping should forget sooner: ${slow} → ${fast}`);
  await slide(page, "origins-damping", 0);
  check(/forever/.test(await memory()), "an undamped spring should remember forever");
  check(/Undamped/.test(await banner()), "the banner should say undamped");
  // m = 0.5 kg, k = 0.5 N/m, c = 1 N·s/m: ζ = c / (2√(km)) = 1 exactly.
  await slide(page, "origins-mass", 0.5);
  await slide(page, "origins-stiffness", 0.5);
  await slide(page, "origins-damping", 1);
  check(/Critically damped/.test(await banner()), `ζ = 1 should be critical: ${await banner()}`);
  await slide(page, "origins-damping", 1.5);
  check(/Overdamped/.test(await banner()), `ζ = 1.5 should be overdamped: ${await banner()}`);
});

test("origins: Space plays and the arrow keys step the animation", async ({ page, url }) => {
  await open(page, url, "en", "?t=4");
  await page.focus(".machine-box");
  const before = await canvases(page);
  await page.keyboard.press("ArrowRight");
  await settle(page);
  check((await page.inputValue("#origins-t")) === "4.25", "→ did not step the time");
  check((await canvases(page))[0] !== before[0], "the machine did not move");
  await page.keyboard.press(" ");
  await until(page, () => Number(document.querySelector("#origins-t").value) > 4.25, null, "Space did not play");
  await page.keyboard.press(" ");
  check(Number(await page.inputValue("#origins-t")) > 4.25, "Space did not play");
  check((await page.evaluate(() => location.hash)).startsWith("#/origins"), "the keys left the lesson");
});

test("origins: mx:update:origins after 40 slider moves", async ({ page, url }) => {
  await open(page, url, "en");
  await quiet(page, "origins");
  await page.evaluate(() => performance.clearMeasures());
  for (let i = 0; i < UPDATE_SAMPLES; i++) {
    await slide(page, i % 2 ? "origins-damping" : "origins-stiffness", 0.1 + (i % 7) * 0.2);
  }
  await reportUpdates(page, "origins");
});
