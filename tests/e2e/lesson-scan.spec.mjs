// Lesson 10 (#/scan): stepping through the parallel scan as a learner does — every step of the
// tree is recomputed here from the inputs each box claims to hold and must match the box, for the
// SSM pairs and for the sums, and the finished states must equal the sequential recurrence; every
// control changes what is shown; the state survives a reload; the scan runs on WebGPU.
import { test, check, eventually, ready, until, visit, canvases } from "./harness.mjs";
import { quiet, reportUpdates, slide } from "./lesson-tools.mjs";

/** The boxes of one row of the tree: { col, word, value, ok }. */
function rowNodes(page, selector) {
  return page.$$eval(`${selector} .node`, (gs) => gs.map((g) => ({
    col: Number(g.dataset.col), word: g.dataset.word, value: g.dataset.value, ok: g.dataset.ok,
  })));
}

/** The combine of the example: + on numbers, (a₁,b₁)∘(a₂,b₂) = (a₁a₂, a₂b₁ + b₂) on pairs. */
const OPS = {
  sums: { parse: (v) => [Number(v)], identity: [0], combine: (p, q) => [p[0] + q[0]] },
  pairs: { parse: (v) => v.split(",").map(Number), identity: [1, 0], combine: (p, q) => [p[0] * q[0], q[0] * p[1] + q[1]] },
};

/** Folds the inputs lo…hi one after another: the sequential loop over that stretch. */
function fold(op, inputs, word) {
  if (word === "-") return op.identity;
  const [lo, hi] = word.split("-").map(Number);
  let acc = op.identity;
  for (let i = lo; i <= hi; i++) acc = op.combine(acc, inputs[i]);
  return acc;
}

function close(a, b) {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])));
}

const position = (page) => page.evaluate(() => Number(new URLSearchParams(location.hash.split("?")[1]).get("pos") ?? 0));

/** The stepper's position and its last one, as the page writes them ("position 3 / 8"). */
const stepper = (page) => page.$eval(".play-position", (p) => p.textContent.match(/(\d+) \/ (\d+)/).slice(1).map(Number));

/** Presses `key` on the focused stepper and waits until the address holds position `to`. */
async function stepTo(page, key, to) {
  await page.keyboard.press(key);
  await until(page, (p) => Number(new URLSearchParams(location.hash.split("?")[1]).get("pos") ?? 0) === p, to,
    async () => `${key} did not go to position ${to} (at ${await position(page)})`);
}

/** Steps through the whole scan with the keyboard, checking the current row at every position. */
async function stepThrough(page, kind, n) {
  const op = OPS[kind];
  const inputs = (await rowNodes(page, '.tree-row:first-child')).filter((x) => x.col < n).map((x) => op.parse(x.value));
  check(inputs.length === n, `read ${inputs.length} inputs, expected ${n}`);
  await page.focus(".tree-box");
  const titles = new Set();
  let positions = 0;
  for (;;) {
    const current = await rowNodes(page, ".tree-row.current");
    check(current.length > 0, "no current row");
    for (const node of current) {
      check(node.word !== "unordered", `box ${node.col} holds its inputs out of order`);
      const expected = fold(op, inputs, node.word);
      check(close(op.parse(node.value), expected),
        `${kind}, position ${positions}: box ${node.col} holds ${node.word} = ${node.value}, the loop gives ${expected}`);
      check(node.ok === "1", `box ${node.col} is not marked as agreeing`);
    }
    check(await page.$eval("#scan-check", (p) => p.classList.contains("ok")), "the step's check is not ok");
    titles.add(await page.$eval(".stage-title", (h) => h.textContent));
    positions++;
    // The page says where the last position is, so the walk needs no "did it still move?" wait.
    const [at, last] = await stepper(page);
    check(at === (await position(page)), `the page says position ${at}, the address ${await position(page)}`);
    if (at === last) break;
    await stepTo(page, "ArrowRight", at + 1);
  }
  // The finished row holds x₀…x_t: for the pairs, the states h_t of the recurrence h ← a·h + b.
  const finished = await rowNodes(page, ".tree-row.current");
  const loop = await rowNodes(page, ".tree-row.reference");
  let acc = op.identity;
  finished.forEach((node, t) => {
    acc = op.combine(acc, inputs[t]);
    check(node.word === `0-${t}`, `result ${t} holds ${node.word}`);
    check(close(op.parse(node.value), acc), `result ${t}: ${node.value} against the recurrence ${acc}`);
    check(close(op.parse(loop[t].value), acc), `the page's loop row ${t}: ${loop[t].value} against ${acc}`);
  });
  check(finished.length === n, `${finished.length} results for ${n} inputs`);
  return { positions, titles };
}

for (const lang of ["en", "ko"]) {
  test(`scan lesson: every step of the tree agrees with the sequential loop in ${lang}`, async ({ page, url }) => {
    for (const [kind, n, algo, steps] of [["pairs", 13, "blelloch", 2 * 4 + 1], ["sums", 8, "blelloch", 2 * 3 + 1], ["pairs", 11, "hillis_steele", 4]]) {
      await visit(page, url(`#/scan?ex=${kind}&n=${n}&algo=${algo}`, lang));
      await page.waitForSelector(".scan-tree");
      const { positions, titles } = await stepThrough(page, kind, n);
      const expected = 1 + steps + (algo === "blelloch" ? 1 : 0);
      check(positions === expected, `${kind}/${algo}: ${positions} positions, expected ${expected}`);
      check(titles.size === positions, `the stage titles repeat: ${[...titles]}`);
    }
  });

  test(`scan lesson: controls, keyboard, reload and the GPU in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/scan", lang));
    await page.waitForFunction(() => [...document.querySelectorAll("canvas")].every((c) => Number(c.dataset.draws) > 0));
    check((await page.$$("canvas")).length === 2, "two figures (composition, cost)");
    // The tree as data (attribute order in serialized markup may differ between renders).
    const tree = () => page.$$eval(".scan-tree .node, .scan-tree .link", (es) => es.map((e) =>
      [e.getAttribute("class"), e.dataset.row, e.dataset.col, e.dataset.value, e.dataset.word, e.dataset.ok, e.textContent, e.getAttribute("x1"), e.getAttribute("x2")].join()).join("|"));
    const text = (sel) => page.$eval(sel, (e) => e.textContent);

    // Each control of the stepper changes the tree.
    for (const [what, act] of [
      ["step", () => page.click(".play button:nth-child(3)")],
      ["pairs", () => page.click("#scan-example-pairs")],
      ["n", () => slide(page, "#scan-n", 16)],
      ["new values", () => page.click("#scan-shuffle")],
      ["algorithm", () => page.selectOption("#scan-algorithm", "hillis_steele")],
      ["back to Blelloch", () => page.selectOption("#scan-algorithm", "blelloch")],
      ["step again", () => page.click(".play button:nth-child(3)")],
      ["next combine", () => page.click("#scan-pick-next")],
      ["back", () => page.click(".play button:nth-child(2)")],
    ]) {
      const was = await tree();
      await act();
      await eventually(async () => (await tree()) !== was, `${what} did not change the tree`);
    }
    // Clicking a box of the current row picks its combine.
    await page.click(".play button:nth-child(3)");
    const pickedBefore = await text(".combine-count");
    await page.click(".tree-row.current .node.changed:not(.picked)");
    await page.waitForFunction((w) => document.querySelector(".combine-count").textContent !== w, pickedBefore);

    // Keyboard on the tree: Space plays, then pauses; ← steps back.
    await page.focus(".tree-box");
    const p0 = await position(page);
    await page.keyboard.press("Space");
    await page.waitForFunction((p) => Number(new URLSearchParams(location.hash.split("?")[1]).get("pos")) > p, p0, { timeout: 20000 });
    await page.keyboard.press("Space");
    const p1 = await position(page);
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction((p) => Number(new URLSearchParams(location.hash.split("?")[1]).get("pos")) === p - 1, p1);
    check((await page.evaluate(() => location.hash)).startsWith("#/scan?"), "the arrow key left the lesson");

    // The question: the three pairs, and the composition figure.
    const eqs = () => page.$$eval(".question .equation", (es) => es.map((e) => e.textContent).join("|"));
    let was = await eqs();
    await slide(page, "#scan-at", 5);
    await page.waitForFunction((w) => [...document.querySelectorAll(".question .equation")].map((e) => e.textContent).join("|") !== w, was);
    check(/\d\.\d{3}/.test(await text("#scan-swapped")), `the swapped-order error is not shown: ${await text("#scan-swapped")}`);
    for (const [sel, value, fig] of [["#scan-h0", 1.5, 0], ["#scan-cost", 16, 1]]) {
      const before = (await canvases(page))[fig];
      await slide(page, sel, value);
      await page.waitForFunction(([i, w]) => document.querySelectorAll("canvas")[i].toDataURL() !== w, [fig, before]);
    }
    check((await text(".cost-table")).includes("65536"), "the cost table follows n = 2^16");

    // The GPU: the lesson's own scan on WebGPU, checked against the CPU.
    await page.click("#scan-gpu-run");
    await page.waitForSelector("#scan-gpu-diff, .gpu .banner.warning", { timeout: 60000 });
    const diff = await page.$("#scan-gpu-diff");
    check(diff !== null, `the GPU run failed: ${await text(".gpu .banner").catch(() => "?")}`);
    check(await diff.evaluate((p) => p.classList.contains("ok")), `GPU and CPU disagree: ${await diff.textContent()}`);
    console.log(`     ${lang}: ${(await text("#scan-gpu-result .readout")).trim()} — ${(await diff.textContent()).trim()}`);
    // The long run follows the compute preference.
    await slide(page, "#scan-long", 12);
    await page.selectOption("#compute-preference", "gpu");
    await page.waitForFunction(() => /GPU/.test(document.querySelector("#scan-engine").textContent));
    await page.click("#scan-long-run");
    await page.waitForSelector("#scan-long-result", { timeout: 60000 });
    console.log(`     ${lang}: ${(await text("#scan-long-result")).trim()}`);
    await page.selectOption("#compute-preference", "cpu");
    check(!/NaN/.test(await text("main")), "NaN on the page");
    await shot(`scan-${lang}`);

    // The state is in the address.
    const hash = await page.evaluate(() => location.hash);
    check(hash.includes("ex=pairs") && hash.includes("n=16") && hash.includes("cost=16"), hash);
    const before = await tree();
    await page.reload();
    await ready(page);
    await page.waitForSelector(".scan-tree");
    check((await page.$eval("#scan-n", (e) => e.value)) === "16", "n not restored");
    check((await tree()) === before, "the tree differs after a reload");
  });
}

// The default page (n = 8) with n moved around its default, and a long scan (n from 9 to 31).
const nearDefault = (i) => 6 + 2 * (i % 4);
const growing = (i) => 9 + 2 * i;
for (const [what, hash, steps, nAt] of [["default (sums, n = 8)", "#/scan", 7, nearDefault], ["pairs, n = 16", "#/scan?ex=pairs&n=16", 9, growing]]) {
  test(`scan lesson reports update timings: ${what}`, async ({ page, url }) => {
    await visit(page, url(hash, "en"));
    await page.waitForSelector(".scan-tree");
    const since = await quiet(page, "scan");
    await page.focus(".tree-box");
    // Step the tree to the end and back, then move the n slider: one update at a time.
    for (let i = 1; i <= steps; i++) await stepTo(page, "ArrowRight", i);
    for (let i = steps - 1; i >= 0; i--) await stepTo(page, "ArrowLeft", i);
    for (let i = 0; i < 12; i++) await slide(page, "#scan-n", nAt(i));
    await reportUpdates(page, "scan", what, since);
  });
}
