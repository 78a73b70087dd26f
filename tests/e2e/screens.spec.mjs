// Every screen and every learner: no page wider than the window from a 360 px phone to a 1920 px
// projector, axe-core finds nothing serious on any route (in presenter mode too), the arrow keys
// stay with a figure the learner is using, and each lesson comes back in the state it was left.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { test, check, until, visit, lessonRoutes, stays } from "./harness.mjs";
import { settle, slide, otherValue } from "./lesson-tools.mjs";

const WIDTHS = [1920, 1280, 820, 390, 360];
const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Every page there is: the home page, each lesson, the scan bench, and an unknown route. */
async function allRoutes(page, url) {
  return ["#/", ...(await lessonRoutes(page, url)), "#/scan/bench", "#/no-such-lesson"];
}

/** Waits until every figure on the page is drawn at its box's current width: its canvas has
 *  drawn at least once and holds as many pixels as its CSS width times the pixel ratio (a figure
 *  whose box kept its width has no reason to redraw). */
async function fitted(page) {
  await until(page, () => [...document.querySelectorAll("canvas")].filter((c) => c.offsetParent !== null)
    .every((c) => Number(c.dataset.draws ?? 0) > 0 && c.width === Math.round(Math.max(c.clientWidth, 200) * devicePixelRatio)),
  null, "a figure is not drawn at its box's width after the window changed size");
}

for (const lang of ["en", "ko"]) {
  test(`no page scrolls sideways from 360 to 1920 px (${lang})`, async ({ page, url }) => {
    const wide = [];
    for (const hash of await allRoutes(page, url)) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, url(hash, lang));
      await fitted(page);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width < 800 ? 844 : 1000 });
        await fitted(page);
        const got = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        if (got[0] > got[1]) wide.push(`${hash} at ${width} px is ${got[0]} px wide`);
      }
    }
    check(wide.length === 0, wide.join("\n"));
  });
}

/** Opens `address`; in presenter mode, where the stage hides the page's heading, by loading it
 *  afresh (so it is this route that renders) and waiting for its heading to exist. */
async function open(page, address, presenting) {
  if (!presenting) return visit(page, address);
  await page.goto("about:blank");
  await page.goto(address);
  await until(page, () => !!document.querySelector("main h1"), null, `${address} did not render`);
}

/** Runs axe-core on the page (evaluated through the DevTools protocol, which the page's CSP does
 *  not govern) and returns its violations as { id, impact, nodes }. */
async function axe(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

// Both languages on a laptop, in presenter mode and in the dark theme; a phone (where boxes
// scroll) in English.
for (const [mode, query, size, langs] of [["page", "", [1280, 900], ["en", "ko"]],
  ["presenter", "&present=1", [1920, 1080], ["en", "ko"]], ["dark", "", [1280, 900], ["en", "ko"]],
  ["phone", "", [390, 844], ["en"]]]) {
  for (const lang of langs) {
    test(`axe: nothing serious on any route (${mode}, ${lang})`, async ({ page, url }) => {
      await page.setViewportSize({ width: size[0], height: size[1] });
      await page.emulateMedia({ colorScheme: mode === "dark" ? "dark" : "light" });
      const serious = [], rest = new Map();
      for (const hash of await allRoutes(page, url)) {
        await open(page, url(hash, lang).replace("#", `${query}#`), mode === "presenter");
        await fitted(page);
        for (const v of await axe(page)) {
          if (["serious", "critical"].includes(v.impact)) serious.push(`${hash}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).join(", ")}`);
          else rest.set(`${v.id} (${v.impact})`, [...(rest.get(`${v.id} (${v.impact})`) ?? []), hash]);
        }
      }
      for (const [what, where] of rest) console.log(`     axe ${mode} ${lang}: ${what} on ${where.join(" ")}`);
      check(serious.length === 0, serious.join("\n"));
    });
  }
}

test("the arrow keys stay with a figure after a click in it", async ({ page, url }) => {
  await visit(page, url("#/discretize", "en"));
  await fitted(page);
  const here = await page.evaluate(() => location.hash);
  // A figure that reacts to the pointer (a tab stop) and one that only shows (its box takes focus).
  for (const selector of ["main canvas[tabindex='0']", "main canvas:not([tabindex])"]) {
    await page.click(selector);
    await until(page, () => !!document.activeElement?.closest(".figure"), null, `a click in ${selector} left the focus outside the figure`);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await stays(page, () => page.evaluate(() => location.hash), 300, `an arrow key after a click in ${selector} left the lesson`);
    check((await page.evaluate(() => location.hash)) === here, "the lesson changed");
  }
});

test("a hover readout can be driven from the keyboard", async ({ page, url }) => {
  for (const hash of ["#/discretize", "#/views"]) {
    await visit(page, url(hash, "en"));
    await fitted(page);
    const before = await page.innerText(".hover-readout");
    await page.focus(".panel:has(.hover-readout) canvas[tabindex='0']");
    await page.keyboard.press("End");
    await until(page, (b) => document.querySelector(".hover-readout").innerText !== b, before, `${hash}: End in the figure did not move the readout`);
    const atEnd = await page.innerText(".hover-readout");
    await page.keyboard.press("ArrowLeft");
    await until(page, (b) => document.querySelector(".hover-readout").innerText !== b, atEnd, `${hash}: ← in the figure did not move the readout`);
  }
});

test("each lesson comes back in the state it was left in", async ({ page, url }) => {
  await visit(page, url("#/discretize", "en"));
  await slide(page, "disc-delta", await otherValue(page, "disc-delta"));
  const [left, delta] = await page.evaluate(() => [location.hash, document.querySelector("#disc-delta").value]);
  check(left.includes("?"), `the address keeps no state: ${left}`);
  await page.click(".side ol a[href='#/views']");
  await until(page, () => document.querySelector(".side a.current")?.getAttribute("href") === "#/views", null, "the navigation did not lead to #/views");
  await page.click(".side ol a[href='#/discretize']");
  await until(page, (h) => location.hash === h, left, async () => `coming back shows ${await page.evaluate(() => location.hash)}, not ${left}`);
  await until(page, (d) => document.querySelector("#disc-delta")?.value === d, delta, "the slider is not where it was left");
});

test("with reduced motion, Play steps instead of animating", async ({ page, url }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await visit(page, url("#/views", "en"));
  const position = () => page.innerText(".play-position");
  const before = await position();
  await page.click(".play button.primary");
  await until(page, (b) => document.querySelector(".play-position").innerText !== b, before, "Play did not step");
  check((await page.getAttribute(".play button.primary", "aria-pressed")) === "false", "Play started an animation");
  await stays(page, position, 500, "the position moved on by itself");
});

test("− and + move a slider by one step", async ({ page, url }) => {
  await visit(page, url("#/discretize", "en"));
  const value = () => page.$eval("#disc-delta", (el) => Number(el.value));
  const [step, before] = [await page.$eval("#disc-delta", (el) => Number(el.step)), await value()];
  const buttons = ".control.slider:has(#disc-delta) button.nudge";
  await page.click(`${buttons} >> nth=1`);
  await until(page, (v) => Number(document.querySelector("#disc-delta").value) !== v, before, "+ did not move the slider");
  check(Math.abs((await value()) - (before + step)) < 1e-9, `+ moved Δ from ${before} to ${await value()}, not by one step of ${step}`);
  await page.click(`${buttons} >> nth=0`);
  await until(page, (v) => Math.abs(Number(document.querySelector("#disc-delta").value) - v) < 1e-9, before, "− did not move the slider back");
});

test("on a phone the lesson list is a drawer with titles", async ({ page, url }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, url("#/state", "en"));
  check(!(await page.isVisible(".side ol")), "the lesson list is open on arrival");
  await page.click(".drawer-toggle");
  await until(page, () => {
    const titles = [...document.querySelectorAll(".side ol .nav-title")];
    return titles.length > 0 && titles.every((t) => t.offsetWidth > 0 && t.textContent.trim().length > 0);
  }, null, "the drawer shows no lesson titles");
  await page.click(".side ol a[href='#/views']");
  await until(page, () => document.querySelector(".side a.current")?.getAttribute("href") === "#/views", null, "the drawer's link did not lead to #/views");
  await until(page, () => !document.querySelector(".side ol").offsetHeight, null, "the drawer stayed open after choosing a lesson");
});
