// Lesson 2, #/continuous: every figure drawn in both languages, every control redraws, the
// address keeps the state, keyboard playback, the Euler answer to "how is h'(t) used?", the
// superposition answer to "why linear?", unstable systems clipped with a warning, and the
// mx:update:continuous measures.
import { test, check, ready, until, visit, canvases } from "./harness.mjs";
import {
  settle, slide, choose, allDrawn, everyControlChangesAFigure, urlRoundTrip, quiet, reportUpdates, noBadText, UPDATE_SAMPLES,
} from "./lesson-tools.mjs";

const FIGURES = 8; // phase plane, 3 time plots, eigenvalues, Euler, superposition, convolution

async function open(page, url, lang, query = "") {
  await visit(page, url(`#/continuous${query}`, lang));
  await allDrawn(page, FIGURES);
}

for (const lang of ["en", "ko"]) {
  test(`continuous (${lang}): loads, draws every figure, labels every control`, async ({ page, url, shot }) => {
    await open(page, url, lang);
    await noBadText(page);
    const unlabelled = await page.$$eval("main input, main select", (els) =>
      els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.id || e.outerHTML));
    check(unlabelled.length === 0, `controls without a label: ${unlabelled}`);
    const canvasLabels = await page.$$eval("main canvas", (cs) => cs.map((c) => c.getAttribute("aria-label") ?? ""));
    check(canvasLabels.every((l) => l.length > 10), "a figure has no aria-label");
    if (lang === "ko") check(/[\uac00-\ud7a3]/.test(await page.innerText("main")), "no Korean in the lesson");
    await shot(`continuous-${lang}`);
  });

  test(`continuous (${lang}): every control changes a figure, and the address restores them`, async ({ page, url }) => {
    await open(page, url, lang);
    const ids = await everyControlChangesAFigure(page);
    check(ids.length >= 16, `expected at least 16 controls, found ${ids.length}: ${ids}`);
    await urlRoundTrip(page, ready);
  });
}

test("continuous: a shared address restores the system, the input and the time", async ({ page, url }) => {
  await open(page, url, "en", "?a11=-1&a12=0.5&a21=0&a22=-2&b1=1&b2=0.5&c1=1&c2=1&d=0.25&x=sine&p=2.5&t=6.5");
  check((await page.inputValue("#continuous-a12")) === "0.5", "a12 not restored");
  check((await page.inputValue("#continuous-input")) === "sine", "the input signal was not restored");
  check((await page.inputValue("#continuous-period")) === "2.5", "the period was not restored");
  check((await page.inputValue("#continuous-t")) === "6.5", "the time was not restored");
  check((await page.inputValue("#continuous-preset")) === "custom", "a custom system must say so");
});

test("continuous: Space plays and the arrow keys step the time in the phase plane", async ({ page, url }) => {
  await open(page, url, "en", "?t=2");
  await page.focus(".phase-box");
  await page.keyboard.press("ArrowRight");
  await settle(page);
  check((await page.inputValue("#continuous-t")) === "2.25", "→ did not step the time");
  check((await page.evaluate(() => location.hash)).startsWith("#/continuous"), "→ left the lesson");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await settle(page);
  check((await page.inputValue("#continuous-t")) === "1.75", "← did not step back");
  await page.keyboard.press(" ");
  await until(page, () => Number(document.querySelector("#continuous-t").value) > 2.0, null,
    async () => `Space did not play (t = ${await page.inputValue("#continuous-t")})`);
  await page.keyboard.press(" ");
  await settle(page);
  const t = Number(await page.inputValue("#continuous-t"));
  check(t > 2.0, `Space did not play (t = ${t})`);
  // Playing to the end stops there; Play again starts over.
  await slide(page, "continuous-t", 12);
  await page.click(".panel .play button.primary");
  await until(page, () => Number(document.querySelector("#continuous-t").value) < 12, null, "Play at the end did not start over");
});

test("continuous: hovering a time plot marks that moment everywhere", async ({ page, url }) => {
  await open(page, url, "en");
  const before = await canvases(page);
  const plot = (await page.$$(".time-plots canvas"))[1];
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
  await settle(page);
  const after = await canvases(page);
  const changed = after.map((c, i) => c !== before[i]);
  check(changed[0], "the phase plane did not ring the hovered state");
  check(changed.slice(1, 4).every(Boolean), "not every time plot marked the hovered time");
});

test("continuous: Euler steps follow the rate arrow and converge as Δt shrinks", async ({ page, url }) => {
  await open(page, url, "en", "?edt=0.5&ek=4");
  const euler = async () => page.innerText(".euler-panel .play-position");
  const error = async () => page.innerText(".euler-panel .readout");
  check((await euler()).includes("4 /"), `the Euler position should say step 4: ${await euler()}`);
  const before = await canvases(page);
  await page.click(".euler-panel .play button:nth-of-type(3)"); // Step
  await settle(page);
  check((await euler()).includes("5 /"), `Step did not take an Euler step: ${await euler()}`);
  check((await canvases(page)).some((c, i) => c !== before[i]), "the Euler figure did not change");
  const big = Number((await error()).match(/([0-9.]+) away/)[1]);
  await slide(page, "continuous-euler-dt", 0.05);
  const small = Number((await error()).match(/([0-9.]+)(×10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)? away/)[1]);
  const text = await error();
  check(text.includes("×10⁻") || small < big, `a smaller Δt should track the exact path better: ${big} → ${text}`);
  check((await euler()).includes("/ 240"), "12 s of 0.05 s steps are 240 steps");
});

test("continuous: superposition holds for the SSM and breaks with a tanh", async ({ page, url }) => {
  await open(page, url, "en");
  const readouts = () => page.$$eval(".linearity-panel .readout",
    (ps) => ps.map((p) => `${p.className}|${p.textContent}`));
  const linear = await readouts();
  check(linear.length === 2 && linear.every((r) => r.includes("holds")), `linear: ${linear}`);
  check(/×10⁻¹[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(linear[0]), `the linear gap should be rounding (1e-10 or less): ${linear[0]}`);
  const before = await canvases(page);
  await page.click("#continuous-tanh");
  await settle(page);
  const tanh = await readouts();
  check(tanh.every((r) => r.includes("breaks")), `with tanh both laws must fail: ${tanh}`);
  const after = await canvases(page);
  check(after[6] !== before[6] && after[7] !== before[7], "the superposition and convolution figures did not change");
  check((await page.innerText(".linearity-panel .equation")).includes("tanh"), "the update rule does not show the tanh");
});

test("continuous: unstable systems are clipped, never NaN, and the banner says why", async ({ page, url }) => {
  await open(page, url, "en");
  await choose(page, "continuous-preset", "unstable");
  const banner = await page.innerText(".banner.warning");
  check(/diverges/.test(banner) && /positive real part/.test(banner) && /0\.25/.test(banner), `banner: ${banner}`);
  await noBadText(page);
  // The fastest growth the sliders allow: every entry of A at +3, for 12 s.
  for (const id of ["continuous-a11", "continuous-a12", "continuous-a21", "continuous-a22", "continuous-b1",
    "continuous-b2", "continuous-c1", "continuous-c2"]) {
    await slide(page, id, 3);
  }
  await slide(page, "continuous-t", 12);
  await allDrawn(page, FIGURES);
  await noBadText(page);
  check(/6/.test(await page.innerText(".banner.warning")), "the banner should name λ = 6");
  await page.click("#continuous-tanh");
  await settle(page);
  await noBadText(page);
  await choose(page, "continuous-preset", "damped");
  check((await page.$(".banner.warning")) === null, "the warning stayed after the system became stable");
});

test("continuous: the ko page answers both questions in Korean", async ({ page, url, shot }) => {
  await open(page, url, "ko", "?x=tokens&tanh=1&ek=10");
  const questions = await page.$$eval(".question blockquote", (qs) => qs.map((q) => q.textContent));
  check(questions.length === 2 && questions.every((q) => /[\uac00-\ud7a3]/.test(q)), `questions: ${questions}`);
  check((await page.innerText(".linearity-panel")).includes("깨졌습니다"), "the Korean verdict is missing");
  await shot("continuous-ko-questions");
});

test("continuous: mx:update:continuous after 40 slider moves", async ({ page, url }) => {
  await open(page, url, "en");
  await quiet(page, "continuous");
  await page.evaluate(() => performance.clearMeasures());
  for (let i = 0; i < UPDATE_SAMPLES; i++) {
    await slide(page, i % 2 ? "continuous-a11" : "continuous-b2", (i % 7) * 0.2 - 0.6);
  }
  await reportUpdates(page, "continuous");
});
