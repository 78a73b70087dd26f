// Helpers for lesson specs: settle after an update, move a range input or a select like a user,
// check that every control of a lesson changes a figure, the URL round trip, and the
// `mx:update:<lesson>` measures (median and p95, printed, not asserted).
import { check, canvases } from "./harness.mjs";

/** Waits two animation frames (a Yew render and the figures' redraw effects). */
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Sets a range input to `value` (snapped by the browser) and fires `input`, as a drag would. */
export async function setRange(page, id, value) {
  await page.$eval(`#${id}`, (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
  await settle(page);
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
      await setRange(page, id, await otherValue(page, id));
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

/** Median and p95 of the `mx:update:<slug>` measures so far, printed for the notes. */
export async function reportUpdates(page, slug) {
  const ds = await page.evaluate((name) =>
    performance.getEntriesByName(name).map((e) => e.duration), `mx:update:${slug}`);
  check(ds.length > 0, `no mx:update:${slug} measures`);
  ds.sort((a, b) => a - b);
  const at = (q) => ds[Math.min(ds.length - 1, Math.floor(q * ds.length))];
  console.log(`     mx:update:${slug}: n=${ds.length} median=${at(0.5).toFixed(1)} ms p95=${at(0.95).toFixed(1)} ms`);
  return { median: at(0.5), p95: at(0.95) };
}

/** The page shows no missing text, NaN or infinity. */
export async function noBadText(page) {
  const text = await page.innerText("main");
  check(!text.includes("⟦missing text⟧"), "a text is missing");
  check(!/NaN|∞|Infinity/.test(text), "the page shows NaN or infinity");
  const maths = await page.$$eval("main math", (ms) => ms.map((m) => m.textContent).join(" "));
  check(!/NaN|∞/.test(maths), "an equation shows NaN or infinity");
}
