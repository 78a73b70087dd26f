// Lesson 4, #/views (recurrence vs convolution), in both languages: every figure draws, the
// three views agree to rounding, play / step / keyboard move the animation, every control
// changes a figure, the address round-trips the state, the cost counters tell training from
// generation, an unstable system warns without NaN. Prints the median and p95 of mx:update:views.
import { test, check, stays, until, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, changed, number, openLesson, reloadRestores, quiet, reportUpdates, settle, slide } from "./lesson-tools.mjs";

const FIGURES = 7;

const open = (page, url, lang, query = "") => openLesson(page, url, `#/views${query}`, lang, FIGURES);

const afterEquals = (text) => number(text.slice(text.lastIndexOf("=") + 1));
const differences = (page) => page.$$eval(".panel ul.readout li", (ls) => ls.map((l) => l.textContent));
const k = async (page) => Number(await page.inputValue("#views-k"));

for (const lang of ["en", "ko"]) {
  test(`views (${lang}): loads, the views agree, play and keys step the animation`, async ({ page, url, shot }) => {
    await open(page, url, lang);
    const draws = await page.$$eval("canvas", (cs) => cs.map((c) => Number(c.dataset.draws ?? 0)));
    check(draws.length === FIGURES && draws.every((d) => d >= 1), `figures drawn: ${draws}`);
    const labels = await page.$$eval("canvas", (cs) => cs.map((c) => c.getAttribute("aria-label")));
    check(labels.every((l) => l && l.length > 10), "every figure has an aria-label");
    const body = await page.innerText("main");
    check(!body.includes("NaN") && !body.includes("⟦"), "no NaN or missing text");
    const [conv, fft, scale] = (await differences(page)).map(afterEquals);
    check(conv < 1e-13 && fft < 1e-13 && scale > 0.1, `differences ${conv} ${fft}, scale ${scale}`);

    // Step, back and play with the buttons and with the keys of the play controls.
    check((await k(page)) === 6, "the default step is 6");
    let before = await canvases(page);
    await page.click(".play button:nth-of-type(3)"); // Step
    await settle(page);
    check((await k(page)) === 7, "Step did not advance");
    check(changed(before, await canvases(page)).length === 3, "a step redraws the state, the kernel and the outputs");
    await page.focus(".play button.primary");
    await page.keyboard.press("ArrowRight");
    await settle(page);
    check((await k(page)) === 8, "→ did not step");
    await page.keyboard.press("ArrowLeft");
    await settle(page);
    check((await k(page)) === 7, "← did not step back");
    check((await page.evaluate(() => location.hash)).startsWith("#/views"), "the arrow keys left the lesson");
    await page.keyboard.press(" ");
    await page.waitForFunction(() => Number(document.querySelector("#views-k").value) >= 9, null, { timeout: 20000 });
    await page.keyboard.press(" ");
    await until(page, () => document.querySelector(".play button.primary").getAttribute("aria-pressed") === "false", null, "Space did not pause");
    await settle(page);
    const paused = await k(page);
    // The play button says paused; the check is that the step then stands still for a while.
    await stays(page, () => k(page), 900, "Space did not pause");
    check((await k(page)) === paused, "Space did not pause");
    check((await page.evaluate(() => location.hash)).includes(`k=${paused}`), "the step is not in the address");
    await page.click(".play button:nth-of-type(4)"); // Reset
    await settle(page);
    check((await k(page)) === 0, "Reset did not go back to step 0");

    // Pointing at an output shows how it is computed on both sides; a click stays there.
    const chart = page.locator("canvas").nth(2);
    await chart.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await settle(page);
    const box = await chart.boundingBox();
    const plain = await canvases(page);
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await settle(page);
    const preview = await page.innerText(".panel .hover-readout");
    const pointed = Number(preview.match(/\d+/)[0]);
    check(pointed > 10, `preview readout: ${preview}`);
    check(changed(plain, await canvases(page)).length === 3, "pointing redraws the state, the kernel and the outputs");
    check((await k(page)) === 0, "pointing alone moved the animation");
    await page.mouse.down();
    await page.mouse.up();
    await settle(page);
    check((await k(page)) === pointed, `a click did not go to step ${pointed}`);
    await page.mouse.move(0, 0);
    await settle(page);

    // An impulse: the output is the kernel, K₀ = y₀.
    await page.selectOption("#views-tokens", "impulse");
    await page.click(".play button:nth-of-type(4)"); // Reset
    await settle(page);
    const kernelText = await page.innerText(".view-column:nth-of-type(2) p.hint:last-of-type");
    const k0 = number(kernelText.slice(kernelText.indexOf("=") + 1));
    const y0 = afterEquals(await page.innerText(".view-column:nth-of-type(2) .equation:nth-of-type(2)"));
    check(Math.abs(k0 - y0) < 1e-3, `impulse: K₀ ${k0} vs y₀ ${y0}`);

    await page.selectOption("#views-tokens", "mixed");
    await slide(page, "views-k", 6);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(`views-${lang}`);
  });

  test(`views (${lang}): every control changes a figure and the address round-trips`, async ({ page, url }) => {
    await open(page, url, lang);
    const moves = [
      ["views-delta", () => slide(page, "views-delta", 0.8)],
      ["views-system", async () => { await page.selectOption("#views-system", "decay"); await settle(page); }],
      ["views-tokens", async () => { await page.selectOption("#views-tokens", "alternating"); await settle(page); }],
      ["views-len", () => slide(page, "views-len", 40)],
      ["views-k", () => slide(page, "views-k", 30)],
      ["views-states", () => slide(page, "views-states", 64)],
    ];
    for (const [id, move] of moves) {
      const before = await canvases(page);
      await move();
      check(changed(before, await canvases(page)).length > 0, `moving ${id} changed no figure`);
    }
    const hash = await page.evaluate(() => location.hash);
    for (const part of ["sys=decay", "d=0.8", "x=alternating", "l=40", "k=30", "n=64"]) {
      check(hash.includes(part), `the address lacks ${part}: ${hash}`);
    }
    await reloadRestores(page, FIGURES);
    check((await page.inputValue("#views-len")) === "40" && (await page.inputValue("#views-k")) === "30", "L or k not restored");
  });

  test(`views (${lang}): costs, unstable systems, garbage in the address`, async ({ page, url }) => {
    await open(page, url, lang, "?n=64&l=64");
    const rows = await page.$$eval("table.data tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(1).map((c) => c.textContent)));
    const [rec, conv, fft] = rows.map((r) => r.map(number));
    check(conv[0] < rec[0] && conv[0] < fft[0], `training work: ${rows}`);
    check(rec[1] === 64 && conv[1] < fft[1] && fft[1] < rec[1], `sequential steps: ${rows}`);
    check(rec[2] < conv[2] && conv[2] < fft[2], `next-token cost: ${rows}`);

    await open(page, url, lang, "?sys=unstable&d=1.5&l=64&k=63");
    const warn = await page.innerText(".banner.warning");
    check(warn.includes("|λ(Ā)|") && /1\.3\d/.test(warn), `unstable warning: ${warn}`);
    check(!(await page.innerText("main")).includes("NaN"), "NaN on the page");
    const [conv2, fft2, scale2] = (await differences(page)).map(afterEquals);
    check(conv2 < 1e-12 * scale2 && fft2 < 1e-12 * scale2, `growing system: ${conv2}, ${fft2} of ${scale2}`);

    await open(page, url, lang, "?sys=x&d=zz&l=999&k=-4&n=0");
    check((await page.inputValue("#views-len")) === "64", "L not clamped");
    check((await page.inputValue("#views-k")) === "6", "a bad k did not give the default");
  });
}

test("views: mx:update:views median and p95", async ({ page, url }) => {
  await open(page, url, "en");
  await quiet(page, "views");
  await page.evaluate(() => performance.clearMeasures());
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "views-delta", (0.2 + (i % 24) * 0.05).toFixed(2));
  await reportUpdates(page, "views", "Δ moves");
});
