// Helpers shared by the lesson specs: waiting for a redraw, moving a slider as a learner would,
// comparing canvas fingerprints, and reading numbers as the page writes them.
import { check, ready } from "./harness.mjs";

/** Two animation frames: the update has rendered and its figures have drawn. */
export const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Opens a lesson route and waits until `figures` canvases have drawn. */
export async function openLesson(page, url, route, lang, figures) {
  await page.goto(url(route, lang));
  await ready(page);
  await page.waitForFunction((n) => document.querySelectorAll("canvas[data-draws]").length >= n, figures);
  await settle(page);
}

/** Sets a range input by value, as a drag would (an `input` event), and waits for the redraw. */
export async function slide(page, id, value) {
  await page.locator(`#${id}`).evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
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

/** Prints the median and p95 of the `mx:update:<slug>` measures taken so far. */
export async function reportUpdates(page, slug, what) {
  const ms = await page.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), `mx:update:${slug}`);
  if (ms.length < 20) throw new Error(`only ${ms.length} measures of mx:update:${slug}`);
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  console.log(`     mx:update:${slug} over ${ms.length} ${what}: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms`);
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
