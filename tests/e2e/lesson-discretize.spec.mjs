// Lesson 3, #/discretize (zero-order hold), in both languages: every figure draws, every control
// changes a figure, the address round-trips the state, keyboard paths work, the three questions
// answer by interaction, unstable settings warn without drawing NaN. Prints the median and p95
// of mx:update:discretize.
import { test, check, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, changed, lastNumber, number, openLesson, reloadRestores, quiet, reportUpdates, settle, slide } from "./lesson-tools.mjs";

const FIGURES = 8;

const open = (page, url, lang, query = "") => openLesson(page, url, `#/discretize${query}`, lang, FIGURES);

/** The canvases inside the n-th question (0-based), as indices into all canvases. */
async function questionCanvases(page, n) {
  return page.evaluate((n) => {
    const all = [...document.querySelectorAll("canvas")];
    const q = document.querySelectorAll(".question")[n];
    return [...q.querySelectorAll("canvas")].map((c) => all.indexOf(c));
  }, n);
}

const readout = (page, n) => page.evaluate((n) => document.querySelectorAll(".question")[n].querySelector(".readout").textContent, n);
/** The relative error printed in a question's readout (the last number in it). */
const errorIn = lastNumber;

for (const lang of ["en", "ko"]) {
  test(`discretize (${lang}): loads, draws every figure, answers the three questions`, async ({ page, url, shot }) => {
    await open(page, url, lang);
    const draws = await page.$$eval("canvas", (cs) => cs.map((c) => Number(c.dataset.draws ?? 0)));
    check(draws.length === FIGURES && draws.every((d) => d >= 1), `figures drawn: ${draws}`);
    const labels = await page.$$eval("canvas", (cs) => cs.map((c) => c.getAttribute("aria-label")));
    check(labels.every((l) => l && l.length > 10), "every figure has an aria-label");
    const body = await page.innerText("main");
    check(!body.includes("NaN") && !body.includes("⟦"), "no NaN or missing text on the page");
    check((await page.$$(".question")).length === 3, "three questions from the notes");
    for (const id of ["disc-system", "disc-delta", "disc-tokens", "disc-method", "disc-order", "disc-substeps", "disc-strips"]) {
      const label = await page.$(`label[for=${id}]`);
      check(label && (await label.innerText()).trim().length > 0, `${id} has a label`);
    }
    // ZOH is exact on held tokens; Euler is not.
    const errors = await page.$$eval(".panel ul.readout li", (ls) => ls.map((l) => l.textContent));
    check(errors.length === 3, `three rule errors: ${errors}`);
    check(number(errors[0].split(":").pop()) < 1e-12, `ZOH error: ${errors[0]}`);
    check(number(errors[2].split(":").pop()) > 1e-3, `Euler error: ${errors[2]}`);

    // Q1: adding Taylor terms shrinks the error and changes only the Taylor figures.
    const taylor = await questionCanvases(page, 0);
    let before = await canvases(page);
    const e2 = errorIn(await readout(page, 0));
    await slide(page, "disc-order", 8);
    let after = await canvases(page);
    const e8 = errorIn(await readout(page, 0));
    check(e8 < e2 / 100, `Taylor error did not drop: K=2 ${e2}, K=8 ${e8}`);
    check(JSON.stringify(changed(before, after)) === JSON.stringify(taylor), `K changed ${changed(before, after)}, expected ${taylor}`);

    // Q2: more Euler sub-steps, about half the error per doubling.
    const euler = await questionCanvases(page, 1);
    await slide(page, "disc-substeps", 8);
    const n8 = errorIn(await readout(page, 1));
    before = await canvases(page);
    await slide(page, "disc-substeps", 16);
    after = await canvases(page);
    const n16 = errorIn(await readout(page, 1));
    check(n16 / n8 > 0.35 && n16 / n8 < 0.65, `Euler error ratio ${n16 / n8}`);
    check(changed(before, after).every((i) => euler.includes(i)) && changed(before, after).length > 0, "n changes the Euler figures");

    // Q3: twice the strips, about a quarter of the error.
    const strips = await questionCanvases(page, 2);
    await slide(page, "disc-strips", 4);
    const q4 = errorIn(await readout(page, 2));
    before = await canvases(page);
    await slide(page, "disc-strips", 8);
    after = await canvases(page);
    const q8 = errorIn(await readout(page, 2));
    check(q8 / q4 > 0.2 && q8 / q4 < 0.3, `strip error ratio ${q8 / q4}`);
    check(JSON.stringify(changed(before, after)) === JSON.stringify(strips), "strips change the integral figure");

    await slide(page, "disc-order", 3);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(`discretize-${lang}`);
  });

  test(`discretize (${lang}): every control changes a figure and the address round-trips`, async ({ page, url }) => {
    await open(page, url, lang);
    const moves = [
      ["disc-delta", async () => slide(page, "disc-delta", 1.1)],
      ["disc-system", async () => { await page.selectOption("#disc-system", "decay"); await settle(page); }],
      ["disc-tokens", async () => { await page.selectOption("#disc-tokens", "impulse"); await settle(page); }],
      ["disc-method", async () => { await page.selectOption("#disc-method", "bilinear"); await settle(page); }],
      ["disc-order", async () => slide(page, "disc-order", 5)],
      ["disc-substeps", async () => slide(page, "disc-substeps", 20)],
      ["disc-strips", async () => slide(page, "disc-strips", 12)],
    ];
    for (const [id, move] of moves) {
      const before = await canvases(page);
      await move();
      const after = await canvases(page);
      check(changed(before, after).length > 0, `moving ${id} changed no figure`);
    }
    const hash = await page.evaluate(() => location.hash);
    for (const part of ["sys=decay", "d=1.1", "m=bilinear", "x=impulse", "k=5", "n=20", "q=12"]) {
      check(hash.includes(part), `the address lacks ${part}: ${hash}`);
    }
    await reloadRestores(page, FIGURES);
    check((await page.inputValue("#disc-delta")) === "1.1", "Δ not restored");
    check((await page.inputValue("#disc-system")) === "decay", "system not restored");
    check((await page.inputValue("#disc-method")) === "bilinear", "rule not restored");
    check((await page.inputValue("#disc-strips")) === "12", "strips not restored");
  });

  test(`discretize (${lang}): keyboard, hover and unstable settings`, async ({ page, url }) => {
    await open(page, url, lang);
    // Keyboard: Tab reaches the Δ slider; arrow keys move it without leaving the lesson.
    await page.focus("#disc-system");
    await page.keyboard.press("Tab");
    check((await page.evaluate(() => document.activeElement.id)) === "disc-delta", "Tab from the system goes to Δ");
    const before = await canvases(page);
    await page.keyboard.press("ArrowRight");
    await settle(page);
    check((await page.inputValue("#disc-delta")) === "0.51", "ArrowRight did not step Δ");
    check((await page.evaluate(() => location.hash)).startsWith("#/discretize"), "ArrowRight left the lesson");
    check(changed(before, await canvases(page)).length > 0, "the keyboard step changed no figure");

    // Hover a time on the output chart: the readout names the held token, the marker shows.
    const hold = page.locator("canvas").first();
    await hold.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await settle(page);
    const box = await hold.boundingBox();
    const plain = await canvases(page);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await settle(page);
    const text = await page.innerText(".hover-readout");
    check(/k = \d+/.test(text), `hover readout: ${text}`);
    check(changed(plain, await canvases(page)).length === 2, "hover marks both time charts");

    // Euler past its limit: a warning that says why, no NaN.
    await page.selectOption("#disc-method", "euler");
    await settle(page);
    const warn = await page.innerText(".banner.warning");
    check(warn.includes("|λ(Ā)|") && /0\.2/.test(warn), `Euler warning: ${warn}`);
    await slide(page, "disc-delta", 0.15);
    check((await page.$(".banner.warning")) === null, "the warning stays below Euler's limit");

    // An unstable system at the largest Δ: warning names the eigenvalue, figures still draw.
    await open(page, url, lang, "?sys=unstable&d=2&m=euler&n=64&q=32&k=20");
    const unstable = await page.innerText(".banner.warning");
    check(unstable.includes("Re λ") && unstable.includes("0.2"), `unstable warning: ${unstable}`);
    check(!(await page.innerText("main")).includes("NaN"), "NaN on the page");
    // Garbage in the address gives the defaults, not an error.
    await open(page, url, lang, "?sys=moon&d=NaN&m=rk4&k=-1");
    check((await page.inputValue("#disc-delta")) === "0.5", "bad Δ not replaced by the default");
  });
}

test("discretize: mx:update:discretize median and p95", async ({ page, url }) => {
  await open(page, url, "en");
  await quiet(page, "discretize");
  await page.evaluate(() => performance.clearMeasures());
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "disc-delta", (0.3 + (i % 24) * 0.07).toFixed(2));
  await reportUpdates(page, "discretize", "Δ moves");
});
