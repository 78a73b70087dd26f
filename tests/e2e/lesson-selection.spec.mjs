// Lesson 7 (#/selection): selective copying with a fixed and a selective model, a typed sentence
// with its heat-maps and mixing matrix (the notes' question), and the two rules for B̄. Every
// control changes its figure, the typed text survives a reload, and nothing draws NaN.
import { test, check, ready, until, visit, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, quiet, reportUpdates, slide, updatesLanded } from "./lesson-tools.mjs";

const FIGURES = { copy: 0, maps: 1, mix: 2, rules: 3, kappa: 4 };

async function drawn(page) {
  await page.waitForFunction(() => {
    const cs = [...document.querySelectorAll("canvas")];
    return cs.length === 5 && cs.every((c) => Number(c.dataset.draws) > 0);
  });
}

/** Runs `act`, then waits until every figure named in `names` has redrawn differently. */
async function changes(page, names, act, what) {
  const before = await canvases(page);
  await act();
  try {
    await page.waitForFunction(({ idx, was }) => {
      const cs = document.querySelectorAll("canvas");
      return idx.every((i) => cs[i].toDataURL() !== was[i]);
    }, { idx: names.map((n) => FIGURES[n]), was: before }, { timeout: 20000 });
  } catch {
    throw new Error(`${what} did not change ${names.join(", ")}`);
  }
}

const totals = (page) => page.$$eval("table.answers td.total", (tds) => tds.map((td) => parseInt(td.textContent, 10)));

for (const lang of ["en", "ko"]) {
  test(`selection lesson draws and reacts in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/selection", lang));
    await drawn(page);
    const body = () => page.evaluate(() => document.querySelector("main").innerText);
    check(!(await body()).includes("⟦missing"), "a text is missing from the catalogue");
    check(!(await body()).includes("NaN"), "NaN on the page");

    // The default models make the lesson's point: selection copies, the fixed kernel cannot.
    const [fixed, selective] = await totals(page);
    check(selective === 100 && fixed < 80, `accuracies fixed ${fixed}%, selective ${selective}%`);
    check((await page.$$("table.answers tbody tr")).length === 5, "answer rows");

    // Part 1: each control changes the copying figure.
    const example = await page.$eval(".copying .readout", (e) => e.textContent);
    await changes(page, ["copy"], () => page.click(".copying button.primary"), "New example");
    check((await page.$eval(".copying .readout", (e) => e.textContent)) !== example, "the example number did not change");
    await changes(page, ["copy"], () => slide(page, "#selection-len", 36), "the context length");
    await changes(page, ["copy"], () => slide(page, "#selection-fixed", Math.log10(0.05)), "the fixed Δ");
    await changes(page, ["copy"], () => slide(page, "#selection-colored", Math.log10(1.5)), "the coloured Δ");
    await changes(page, ["copy"], () => slide(page, "#selection-noise", Math.log10(0.01)), "the noise Δ");
    await changes(page, ["copy"], () => slide(page, "#selection-state", 2), "the state size");
    const [, lossy] = await totals(page);
    check(lossy < 90, `4 tokens in N = 2 numbers should lose some: ${lossy}%`);
    await slide(page, "#selection-state", 4);
    // Equal steps for noise and colour make the selective model time-invariant: it fails too.
    await slide(page, "#selection-colored", Math.log10(0.3));
    await slide(page, "#selection-noise", Math.log10(0.3));
    const noiseShown = await page.$eval("#selection-noise + output", (e) => e.textContent);
    check(noiseShown.startsWith("0.30"), `the noise Δ shows ${noiseShown}`);
    const [, equal] = await totals(page);
    check(equal < 80, `with equal steps the selective model should fail like the fixed one: ${equal}%`);
    // The Try-this: with the fixed model at the same Δ, the two models are one and score alike.
    // The log slider stops at round values, so 0.3 is reached exactly (not 0.301).
    await slide(page, "#selection-fixed", Math.log10(0.3));
    const fixedShown = await page.$eval("#selection-fixed + output", (e) => e.textContent);
    check(fixedShown === "0.30", `the fixed Δ shows ${fixedShown}`);
    await until(page, () => {
      const [f, s] = [...document.querySelectorAll("table.answers td.total")].map((td) => parseInt(td.textContent, 10));
      return Number.isFinite(f) && f === s;
    }, null, async () => `at Δ = 0.3 everywhere the accuracies differ: ${await totals(page)}`);
    // Hovering a position names it.
    const hint = await page.$eval(".hover-readout", (e) => e.textContent);
    const box = await page.$eval(".copying canvas", (c) => { c.scrollIntoView(); const r = c.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
    await page.mouse.move(box[0] + box[2] * 0.5, box[1] + box[3] * 0.3);
    await until(page, (h) => document.querySelector(".hover-readout").textContent !== h, hint, "the hover readout did not change");

    // Part 2: the sentence. Typing changes every text figure; each control changes the heat-maps.
    const text = lang === "en" ? "the cat saw the dog. the end" : "고양이가 개를 보았다. 고양이가 웃었다";
    await changes(page, ["maps", "mix", "rules", "kappa"], () => page.fill("#selection-text", text), "typing");
    await changes(page, ["maps"], () => slide(page, "#selection-scale", -1), "the Δ scale");
    await changes(page, ["maps", "mix", "rules"], () => page.selectOption("#selection-channel", "1"), "the channel");
    await changes(page, ["maps"], () => slide(page, "#selection-token", 2), "the inspected token");
    const inspect = await page.$eval(".sentence .inspect", (e) => e.textContent);
    check(inspect.includes(lang === "en" ? "“saw”" : "“보았다”"), `the inspected token: ${inspect}`);
    // The notes' question: freezing Δ, B, C changes the mixing matrix and the first token's share.
    const share = await page.$eval(".question .first-share", (e) => e.textContent);
    await changes(page, ["maps", "mix"], () => page.click("#selection-frozen"), "freezing");
    check((await page.$eval(".question .first-share", (e) => e.textContent)) !== share, "the first token's share did not change");
    check((await page.$$("table.footprint tbody tr")).length === 3, "footprint rows");
    await page.click("#selection-frozen");

    // Part 3: the rule for B̄ and the second scale slider.
    await changes(page, ["maps", "mix", "kappa"], () => page.selectOption("#selection-rule", "zoh"), "the rule");
    await changes(page, ["rules", "kappa"], () => slide(page, "#selection-scale-rules", 0.5), "the rules' Δ scale");
    check(/\d/.test(await page.$eval(".rules .readout", (e) => e.textContent)), "the rules' readout");

    // Keyboard: arrows on a slider and in the text box stay in the lesson.
    await page.focus("#selection-scale");
    const scale = await page.$eval("#selection-scale", (e) => e.value);
    await page.keyboard.press("ArrowLeft");
    check((await page.$eval("#selection-scale", (e) => e.value)) !== scale, "← did not move the slider");
    await page.focus("#selection-text");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.type("!");
    check((await page.evaluate(() => location.hash)).startsWith("#/selection?"), "an arrow key left the lesson");
    check(!(await body()).includes("NaN"), "NaN on the page");
    await shot(`selection-${lang}`);

    // The state (with the typed text) is in the address: a reload restores it exactly.
    const hash = await page.evaluate(() => location.hash);
    check(hash.includes("text=") && hash.includes("rule=zoh") && hash.includes("ch=1"), hash);
    const typed = await page.$eval("#selection-text", (e) => e.value);
    const figures = await canvases(page);
    await page.reload();
    await ready(page);
    await drawn(page);
    check((await page.$eval("#selection-text", (e) => e.value)) === typed, "the text was not restored");
    const again = await canvases(page);
    check(again.every((c, i) => c === figures[i]), "figures differ after reload");

    // The sample button brings the sentence of the page's language back.
    await page.click(".sentence button");
    check((await page.$eval("#selection-text", (e) => e.value)) !== typed, "the sample sentence did not come back");
  });
}

test("selection lesson survives empty text and extreme settings", async ({ page, url }) => {
  await visit(page, url("#/selection?len=48&n=1&fixed=3&colored=3&noise=3&scale=20&rule=euler", "en"));
  await drawn(page);
  check(!(await page.evaluate(() => document.querySelector("main").innerText)).includes("NaN"), "NaN at extreme settings");
  await page.fill("#selection-text", "   ");
  await page.waitForSelector(".sentence .banner.info");
  await page.fill("#selection-text", "word ".repeat(30));
  await until(page, () => document.querySelectorAll(".sentence .banner.info").length === 1, null, "no truncation banner");
  check(!(await page.evaluate(() => document.querySelector("main").innerText)).includes("NaN"), "NaN with a long text");
  await visit(page, url("#/selection?scale=0.02&rule=zoh&text=%EB%A7%98%EB%B0%94", "ko"));
  await drawn(page);
  check((await page.$eval("#selection-text", (e) => e.value)) === "맘바", "Korean text from the address");
  // A text with nothing to scan: the core's refusal in the reader's language, not its English.
  for (const [lang, want] of [["ko", "범위를 벗어난"], ["en", "outside the range"]]) {
    await visit(page, url("#/selection?text=%00%01%02", lang));
    await page.waitForSelector(".sentence .banner.info");
    const text = await page.$eval(".sentence .banner.info", (e) => e.textContent);
    check(text.includes(want), `${lang}: the refusal is the catalogue's sentence: ${text}`);
    if (lang === "ko") check(!/[a-z]{4}/i.test(text), `ko: no English in the refusal: ${text}`);
  }
});

test("selection lesson reports update timings", async ({ page, url }) => {
  await visit(page, url("#/selection", "en"));
  await drawn(page);
  const count = () => page.evaluate(() => performance.getEntriesByName("mx:update:selection").length);
  const start = await quiet(page, "selection");
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "#selection-scale", (-1 + 0.1 * (i % 20)).toFixed(2));
  await updatesLanded(page, "selection", start + UPDATE_SAMPLES);
  await reportUpdates(page, "selection", "Δ-scale moves (four text figures)", start);
  const next = await count();
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "#selection-colored", (-1.5 + 0.075 * (i % 20)).toFixed(2));
  await updatesLanded(page, "selection", next + UPDATE_SAMPLES);
  await reportUpdates(page, "selection", "coloured-Δ moves (copying task and figure)", next);
});
