// Lesson 12 (#/block): the diagram's boxes open their tensors (by click and by keyboard), every
// control changes its figure, the state survives a reload, and the numbers are sane.
import { test, check, ready, visit, canvases } from "./harness.mjs";
import { UPDATE_SAMPLES, quiet, reportUpdates, slide, updatesLanded } from "./lesson-tools.mjs";

async function drawn(page) {
  await page.waitForFunction(() => {
    const cs = [...document.querySelectorAll(".lesson-block canvas")];
    return cs.length > 0 && cs.every((c) => Number(c.dataset.draws) > 0);
  });
}

/** Runs `act` and waits until canvas `i` (0: tensor, 1: stream, 2: hybrid) differs. */
async function changes(page, i, act, what) {
  const was = (await canvases(page))[i];
  await act();
  await page.waitForFunction(([i, w]) => document.querySelectorAll(".lesson-block canvas")[i].toDataURL() !== w, [i, was], { timeout: 20000 })
    .catch(() => { throw new Error(`${what} did not change figure ${i}`); });
}

const heading = (page) => page.$eval(".inspect-info h2", (h) => h.textContent);

for (const lang of ["en", "ko"]) {
  test(`block lesson draws and reacts in ${lang}`, async ({ page, url, shot }) => {
    await visit(page, url("#/block", lang));
    await drawn(page);
    check((await page.$$(".lesson-block canvas")).length === 3, "three figures: tensor, stream, hybrid");
    check((await page.$$(".block-diagram [role=button]")).length === 10, "ten boxes");

    // Every box opens its tensor by click; the heading and aria-pressed follow.
    const parts = await page.$$eval(".block-diagram [data-part]", (gs) => gs.map((g) => g.dataset.part));
    const seen = new Set();
    for (const part of parts.filter((p) => p !== "ssm")) {
      await changes(page, 0, () => page.click(`.block-diagram [data-part="${part}"]`), `box ${part}`);
      check(await page.$eval(`[data-part="${part}"]`, (g) => g.getAttribute("aria-pressed")) === "true", `${part} not pressed`);
      seen.add(await heading(page));
    }
    check(seen.size === parts.length - 1, `headings: ${[...seen]}`);

    // Keyboard: focus a box and press Enter, another and press Space.
    await changes(page, 0, async () => { await page.focus('[data-part="ssm"]'); await page.keyboard.press("Enter"); }, "Enter on SSM");
    check((await page.evaluate(() => location.hash)).includes("part=ssm"), "Enter did not open the SSM");
    await changes(page, 0, async () => { await page.focus('[data-part="conv"]'); await page.keyboard.press(" "); }, "Space on conv1d");
    check((await page.evaluate(() => location.hash)).startsWith("#/block?"), "a key left the lesson");
    await page.click('[data-part="ssm"]');

    // Each control changes its figure.
    await changes(page, 0, () => page.selectOption("#block-view", "delta"), "the SSM view");
    await changes(page, 0, () => slide(page, "#block-token", 3), "the token slider");
    await changes(page, 0, () => page.fill("#block-text", "aaaaaaab"), "the text");
    await changes(page, 0, () => slide(page, "#block-seed", 5), "the seed");
    await changes(page, 0, () => slide(page, "#block-n", 4), "N");
    await changes(page, 1, () => page.click("#block-two"), "stacking two blocks");
    await changes(page, 0, () => page.selectOption("#block-which", "1"), "the block shown");
    await changes(page, 2, () => slide(page, "#block-attn", 3), "the attention layers");
    check((await page.$$(".layer-strip .layer.attention")).length === 12, "3 of 8 attention layers in 32");
    // 32 attention layers × 2 × 262 144 tokens × 1024 = 17 180 million numbers (beyond 32 bits),
    // which Korean counts in 억 (10⁸): 171.8억.
    const hybrid = await page.$eval(".hybrid .readout", (p) => p.textContent.replace(/\s/g, ""));
    check(hybrid.includes(lang === "en" ? "17180million" : "171.8억"), `hybrid readout: ${hybrid}`);

    // Numbers: recurrent mode agrees with the sequence pass; nothing reads NaN; the table adds up.
    const recurrent = await page.$eval(".readout.recurrent", (p) => p.textContent);
    const m = recurrent.match(/(\d\.\d)e(−?\d+)/);
    const gap = m ? Number(`${m[1]}e${m[2].replace("−", "-")}`) : NaN;
    check(gap < 1e-10, `recurrent gap ${recurrent}`);
    const text = await page.$eval(".lesson-block", (e) => e.textContent);
    check(!/NaN|\binf\b|⟦missing/.test(text), "NaN, inf or a missing text on the page");
    const params = await page.$$eval("table.params tbody tr", (rs) => rs.map((r) => [...r.querySelectorAll("td")].map((td) => Number(td.textContent.replace(/\D/g, "")))));
    const total = params.pop();
    check(params.reduce((s, r) => s + r[0], 0) === total[0] && params.reduce((s, r) => s + r[1], 0) === total[1], `table ${params}`);
    check(total[1] === 3771648, `a mamba-130m block has ${total[1]} parameters`);

    await shot(`block-${lang}`);

    // The state is in the address: a reload restores it and draws the same figures.
    const hash = await page.evaluate(() => location.hash);
    for (const kv of ["text=aaaaaaab", "seed=5", "n=4", "two=1", "b=1", "part=ssm", "view=delta", "t=3", "attn=3"]) {
      check(hash.includes(kv), `${kv} missing from ${hash}`);
    }
    const figures = await canvases(page);
    await page.reload();
    await ready(page);
    await drawn(page);
    check((await page.$eval("#block-text", (e) => e.value)) === "aaaaaaab", "text not restored");
    const again = await canvases(page);
    check(again.every((c, i) => c === figures[i]), "figures differ after reload");
  });
}

test("block lesson reports update timings", async ({ page, url }) => {
  await visit(page, url("#/block?part=ssm", "en"));
  await drawn(page);
  const before = await quiet(page, "block"); // the first render (page load) is not a slider move
  for (let i = 0; i < UPDATE_SAMPLES; i++) await slide(page, "#block-seed", 2 + (i % 20));
  await updatesLanded(page, "block", before + UPDATE_SAMPLES);
  await reportUpdates(page, "block", "seed-slider moves", before);
});
