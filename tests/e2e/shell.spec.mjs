// The shell: every route in both languages, navigation by links and arrow keys, the language
// switch, the unknown-route page, and the safety rules (CSP, nothing leaves the origin).
import { test, check, ready } from "./harness.mjs";

const LESSONS = ["state", "continuous", "discretize", "views", "hippo", "selection", "compare", "scan",
  "hardware", "block", "origins"];
const MISSING = "⟦missing text⟧";

for (const lang of ["en", "ko"]) {
  test(`every route renders in ${lang}`, async ({ page, url, shot }) => {
    for (const hash of ["#/", ...LESSONS.map((l) => `#/${l}`)]) {
      await page.goto(url(hash, lang));
      await ready(page);
      const text = await page.innerText("body");
      check(!text.includes(MISSING), `${hash} shows a missing text`);
      check((await page.getAttribute("html", "lang")) === lang, `${hash}: <html lang> is not ${lang}`);
      const h1 = await page.innerText("main h1");
      check(h1.trim().length > 0, `${hash}: empty heading`);
      if (lang === "ko") check(/[\uac00-\ud7a3]/.test(h1 + text), `${hash}: no Korean on the page`);
      await shot(`${lang}-${hash === "#/" ? "home" : hash.slice(2)}`);
    }
  });
}

test("the home page maps the learning path in order", async ({ page, url }) => {
  await page.goto(url("#/", "en"));
  await ready(page);
  const stops = await page.$$eval(".path .stop-title", (as) => as.map((a) => a.getAttribute("href")));
  check(JSON.stringify(stops) === JSON.stringify(LESSONS.map((l) => `#/${l}`)), `path order: ${stops}`);
  const nav = await page.$$eval(".side ol a", (as) => as.map((a) => a.getAttribute("href")));
  check(JSON.stringify(nav) === JSON.stringify(stops), "the navigation lists the lessons in the same order");
});

test("arrow keys and pager links move between lessons", async ({ page, url }) => {
  await page.goto(url("#/state", "en"));
  await ready(page);
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => location.hash === "#/continuous");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => location.hash === "#/state");
  await page.keyboard.press("ArrowLeft"); // the first lesson has no previous one
  await page.waitForTimeout(100);
  check((await page.evaluate(() => location.hash)) === "#/state", "ArrowLeft on the first lesson moved");
  await page.click("a[rel=next]");
  await page.waitForFunction(() => location.hash === "#/continuous");
  check((await page.getAttribute(".side a.current", "href")) === "#/continuous", "the navigation marks the current lesson");
  await page.click("a[rel=prev]");
  await page.waitForFunction(() => location.hash === "#/state");
  await page.goto(url("#/origins", "en"));
  await ready(page);
  await page.keyboard.press("ArrowRight"); // the last lesson has no next one
  await page.waitForTimeout(100);
  check((await page.evaluate(() => location.hash)) === "#/origins", "ArrowRight on the last lesson moved");
});

test("switching the language keeps the route and is remembered", async ({ page, url, origin }) => {
  await page.goto(url("#/views", "en"));
  await ready(page);
  const before = await page.innerText("main h1");
  await page.click("button.lang-button[lang=ko]");
  await page.waitForFunction(() => document.documentElement.lang === "ko");
  const after = await page.innerText("main h1");
  check(before !== after && /[\uac00-\ud7a3]/.test(after), `heading did not switch: ${before} / ${after}`);
  check((await page.evaluate(() => location.hash)) === "#/views", "the route changed");
  check((await page.evaluate(() => location.search)) === "?lang=ko", "the address does not say ?lang=ko");
  // Without ?lang= the remembered choice wins over the browser's language.
  await page.goto(`${origin}/#/views`);
  await ready(page);
  check((await page.getAttribute("html", "lang")) === "ko", "the choice was not remembered");
});

test("an unknown route shows a friendly page with a way back", async ({ page, url }) => {
  for (const lang of ["en", "ko"]) {
    await page.goto(url("#/no-such-lesson", lang));
    await ready(page);
    const text = await page.innerText("main");
    check(text.includes("#/no-such-lesson"), "the page does not name the route");
    await page.click("main a[href='#/']");
    await page.waitForSelector(".path");
  }
});

test("the page is locked down: CSP, local assets only", async ({ page, url }) => {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url("#/", "en"));
  await ready(page);
  const csp = await page.getAttribute("meta[http-equiv=Content-Security-Policy]", "content");
  check(csp && csp.includes("default-src 'self'") && csp.includes("'wasm-unsafe-eval'"), `CSP: ${csp}`);
  check(!csp.includes("inline-script-hashes"), "the CSP hook did not run");
  check(!/unsafe-inline|\*/.test(csp), `CSP too open: ${csp}`);
  check(requests.some((u) => u.endsWith(".wasm")), "no wasm was loaded");
  check(await page.$("link[rel=icon]"), "no favicon");
});

test("presenter mode hides the lesson list, enlarges the page, and starts from ?present=1", async ({ page, url, origin }) => {
  await page.goto(url("#/state", "en"));
  await ready(page);
  check(await page.isVisible(".side"), "the lesson list is hidden before presenting");
  const small = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  await page.click(".present-button");
  await page.waitForFunction(() => document.documentElement.classList.contains("presenting"));
  check(!(await page.isVisible(".side")), "the lesson list is still shown");
  const large = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  check(parseFloat(large) > parseFloat(small), `font size ${small} → ${large}`);
  await page.keyboard.press("ArrowRight"); // lessons still move with the keys
  await page.waitForFunction(() => location.hash === "#/continuous");
  await page.click(".present-button");
  check(await page.isVisible(".side"), "leaving presenter mode did not restore the list");
  await page.goto(`${origin}/?present=1#/views`);
  await ready(page);
  check(await page.evaluate(() => document.documentElement.classList.contains("presenting")), "?present=1 ignored");
});
