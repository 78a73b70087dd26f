// Helpers shared by the lesson specs: waiting for a redraw, moving a control as a learner would,
// checking that every control changes a figure and that the address keeps the state, reading
// numbers as the page writes them, and the `mx:update:<lesson>` measures (median and p95,
// printed for the notes, never asserted).
import { check, canvases, ready, until, visit } from "./harness.mjs";

/** Two animation frames: the update has rendered and its figures have drawn. */
export const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Sets a range input (an id, or a CSS selector starting with `#` or `.`) to `value`, snapped
 *  by the browser, fires `input` as a drag would, and waits for the redraw. */
export async function slide(page, target, value) {
  const selector = /^[#.[]/.test(target) ? target : `#${target}`;
  await page.locator(selector).first().evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
  await settle(page);
}

/** Waits until every update of lesson `slug` that has rendered has also been measured, and at
 *  least `atLeast` `mx:update:<slug>` measures exist. The app marks `mx:update:<slug>:start` when
 *  it renders a new state and clears the mark when that update's effects (the redraws) have run
 *  and the measure is taken, so no pending mark means the last update has landed. */
export async function updatesLanded(page, slug, atLeast = 1) {
  const count = () => page.evaluate((name) => performance.getEntriesByName(name, "measure").length, `mx:update:${slug}`);
  await until(page, ([name, n]) => performance.getEntriesByName(`${name}:start`, "mark").length === 0
    && performance.getEntriesByName(name, "measure").length >= n, [`mx:update:${slug}`, atLeast],
  async () => `only ${await count()} mx:update:${slug} measures, expected at least ${atLeast}, or an update never finished`);
}

/** Waits until the page is quiet before timing updates: every figure has drawn, the fonts have
 *  loaded (their arrival redraws every figure once) and no update is pending. Returns how many
 *  `mx:update:<slug>` measures exist, to pass to [`reportUpdates`] as `since`. */
export async function quiet(page, slug) {
  await page.waitForFunction(() => document.fonts.status === "loaded"
    && [...document.querySelectorAll("main canvas")].every((c) => Number(c.dataset.draws ?? 0) > 0), null, { timeout: 20000 });
  await settle(page);
  await until(page, (name) => performance.getEntriesByName(`${name}:start`, "mark").length === 0, `mx:update:${slug}`,
    `an mx:update:${slug} never finished`);
  return page.evaluate((name) => performance.getEntriesByName(name, "measure").length, `mx:update:${slug}`);
}

/** The first updates after a page has loaded run code the browser has not optimised yet (it
 *  compiles WebAssembly in tiers, the fast tier in the background as code gets hot): they are
 *  printed on their own, as the page's first moves, and left out of the median and p95. */
export const WARM_UP = 4;

/** How many updates a timing test makes: the warm-up, then 40 measured (with 40, the p95 is the
 *  second slowest; with 20 it would be the slowest, one stray garbage collection). */
export const UPDATE_SAMPLES = WARM_UP + 40;

/** The median and p95 of a list of durations (p95: the value below which 95 % of them lie). */
export function quantiles(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { median: q(0.5), p95: q(0.95) };
}

/** Prints the median and p95 of the `mx:update:<slug>` measures from the `since`-th on (0: all
 *  taken so far), after the first `warmUp` of them (printed on their own), and where their time
 *  went: every `mx:draw:<figure>` measure taken during them (count, median, p95, total), the
 *  costliest first; with MX_SERIES set, every duration in order. Measures only; asserts no
 *  timing. */
export async function reportUpdates(page, slug, what = "updates", since = 0, { warmUp = WARM_UP } = {}) {
  await updatesLanded(page, slug, since + 1);
  const { first, updates, draws } = await page.evaluate(([name, since, warmUp]) => {
    const all = performance.getEntriesByName(name, "measure").slice(since);
    const first = all.slice(0, warmUp).map((e) => e.duration);
    const updates = all.slice(warmUp);
    const t0 = updates.length ? updates[0].startTime : Infinity;
    const draws = performance.getEntriesByType("measure")
      .filter((e) => e.name.startsWith("mx:draw:") && e.startTime >= t0)
      .map((e) => [e.name, e.duration]);
    return { first, updates: updates.map((e) => e.duration), draws };
  }, [`mx:update:${slug}`, since, warmUp]);
  check(updates.length > 0, `no mx:update:${slug} measures after the first ${warmUp}`);
  const { median, p95 } = quantiles(updates);
  if (process.env.MX_SERIES) console.log(`     series ${updates.map((d) => d.toFixed(1)).join(" ")}`);
  const withFirst = quantiles([...first, ...updates]).p95;
  const warm = first.length ? ` (first ${first.length} after load, not counted: ${first.map((d) => d.toFixed(1)).join(", ")} ms;`
    + ` p95 of all ${first.length + updates.length} with them: ${withFirst.toFixed(1)} ms)` : "";
  console.log(`     mx:update:${slug} over ${updates.length} ${what}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${warm}`);
  const byName = new Map();
  for (const [name, ms] of draws) byName.set(name, [...(byName.get(name) ?? []), ms]);
  const rows = [...byName].map(([name, ms]) => ({ name, ms, total: ms.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  for (const { name, ms, total } of rows) {
    const d = quantiles(ms);
    console.log(`       ${name}: ${ms.length}×, median ${d.median.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms, total ${total.toFixed(0)} ms`);
  }
  return { median, p95 };
}

/** Chooses `value` in a select and fires `change`. */
export async function choose(page, id, value) {
  await page.selectOption(`#${id}`, value);
  await settle(page);
}

/** Every figure on the page has been drawn at least once. */
export async function allDrawn(page, atLeast) {
  await page.waitForFunction((n) => {
    const cs = [...document.querySelectorAll("main canvas")];
    return cs.length >= n && cs.every((c) => Number(c.dataset.draws ?? 0) > 0);
  }, atLeast, { timeout: 20000 });
}

/** A value for a range input that differs from its current one (a third of the way round). */
export async function otherValue(page, id) {
  return page.$eval(`#${id}`, (el) => {
    const [min, max, v] = [Number(el.min), Number(el.max), Number(el.value)];
    const target = min + ((v - min + (max - min) / 3) % (max - min));
    return Math.abs(target - v) < 1e-9 ? max : target;
  });
}

/** Moves every range input and select in `main` (and clicks every checkbox) in turn, checking
 *  that each changes at least one canvas. `skip` lists ids that are not meant to redraw. */
export async function everyControlChangesAFigure(page, skip = []) {
  const ids = await page.$$eval("main input[type=range], main select, main input[type=checkbox]",
    (els) => els.map((e) => e.id));
  check(ids.length > 0, "no controls found");
  for (const id of ids.filter((id) => !skip.includes(id))) {
    if (!(await page.$(`#${id}`))) continue; // a control that a previous change hid
    const before = await canvases(page);
    const tag = await page.$eval(`#${id}`, (el) => `${el.tagName}:${el.type}`);
    if (tag.startsWith("SELECT")) {
      const next = await page.$eval(`#${id}`, (el) => {
        const values = [...el.options].map((o) => o.value).filter((v) => v !== "custom");
        return values[(values.indexOf(el.value) + 1) % values.length];
      });
      await choose(page, id, next);
    } else if (tag.endsWith("checkbox")) {
      await page.click(`#${id}`);
      await settle(page);
    } else {
      await slide(page, id, await otherValue(page, id));
    }
    const after = await canvases(page);
    const changed = after.length !== before.length || after.some((c, i) => c !== before[i]);
    check(changed, `moving #${id} changed no figure`);
  }
  return ids;
}

/** The URL keeps the state: reloading restores the values of every control. */
export async function urlRoundTrip(page, ready) {
  const values = () => page.$$eval("main input[type=range], main select, main input[type=checkbox]",
    (els) => els.map((e) => `${e.id}=${e.type === "checkbox" ? e.checked : e.value}`));
  const hash = await page.evaluate(() => location.hash);
  const before = await values();
  await page.reload();
  await ready(page);
  await settle(page);
  check((await page.evaluate(() => location.hash)) === hash, "the address changed on reload");
  const after = await values();
  check(JSON.stringify(after) === JSON.stringify(before),
    `the controls were not restored:\n${before.join(" ")}\n${after.join(" ")}`);
}

/** The page shows no missing text, NaN or infinity. */
export async function noBadText(page) {
  const text = await page.innerText("main");
  check(!text.includes("⟦missing text⟧"), "a text is missing");
  check(!/NaN|∞|Infinity/.test(text), "the page shows NaN or infinity");
  const maths = await page.$$eval("main math", (ms) => ms.map((m) => m.textContent).join(" "));
  check(!/NaN|∞/.test(maths), "an equation shows NaN or infinity");
}

/** Opens a lesson route and waits until `figures` canvases have drawn. */
export async function openLesson(page, url, route, lang, figures) {
  await visit(page, url(route, lang));
  await page.waitForFunction((n) => document.querySelectorAll("canvas[data-draws]").length >= n, figures);
  await settle(page);
}

/** The indices of the canvases whose pictures differ between two fingerprints. */
export const changed = (a, b) => a.map((x, i) => (x !== b[i] ? i : -1)).filter((i) => i >= 0);

const NUMBER = /(−?\d+(?:\.\d+)?)(?:×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?/g;

/** Every number in `text` as the page writes them: −0.5, 13464, 2.2×10⁻¹⁶. */
export function numbers(text) {
  const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return [...text.matchAll(NUMBER)].map((m) => {
    const exp = m[2] ? Number([...m[2]].map((c) => (c === "⁻" ? "-" : sup.indexOf(c))).join("")) : 0;
    return Number(m[1].replace("−", "-")) * 10 ** exp;
  });
}

/** The first number in `text`. */
export function number(text) {
  const all = numbers(text);
  if (all.length === 0) throw new Error(`no number in ${JSON.stringify(text)}`);
  return all[0];
}

/** The last number in `text` (a readout ends with its value). */
export function lastNumber(text) {
  const all = numbers(text);
  if (all.length === 0) throw new Error(`no number in ${JSON.stringify(text)}`);
  return all[all.length - 1];
}

/** Reloads the page and checks that the address, everything the page says (readouts,
 *  equations, banners, tables, the animation position) and the drawn figures come back. */
export async function reloadRestores(page, figures) {
  const said = () => page.$$eval(".readout, .equation, .banner, table.data, .play-position", (es) => es.map((e) => e.textContent).join("\n"));
  const [hash, before] = [await page.evaluate(() => location.hash), await said()];
  await page.reload();
  await ready(page);
  await page.waitForFunction((n) => document.querySelectorAll("canvas[data-draws]").length >= n, figures);
  await settle(page);
  check((await page.evaluate(() => location.hash)) === hash, "reload changed the address");
  check((await said()) === before, "the readouts and equations differ after reload");
  const draws = await page.$$eval("canvas", (cs) => cs.map((c) => Number(c.dataset.draws ?? 0)));
  check(draws.length === figures && draws.every((d) => d >= 1), `figures drawn after reload: ${draws}`);
}
