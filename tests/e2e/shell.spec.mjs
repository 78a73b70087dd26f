// The shell: every route in both languages, navigation by links and arrow keys, the language
// switch, the unknown-route page, and the safety rules (CSP, nothing leaves the origin).
import { test, check, until, visit, lessonRoutes } from "./harness.mjs";

const MISSING = "⟦missing text⟧";

for (const lang of ["en", "ko"]) {
  test(`every route renders in ${lang}`, async ({ page, url, shot }) => {
    for (const hash of ["#/", ...(await lessonRoutes(page, url))]) {
      await visit(page, url(hash, lang));
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
  const lessons = await lessonRoutes(page, url);
  const stops = await page.$$eval(".path .stop-title", (as) => as.map((a) => a.getAttribute("href")));
  check(JSON.stringify(stops) === JSON.stringify(lessons), `path order: ${stops}, navigation: ${lessons}`);
  const nav = await page.$$eval(".side ol a", (as) => as.map((a) => a.getAttribute("href")));
  check(JSON.stringify(nav) === JSON.stringify(stops), "the navigation lists the lessons in the same order");
});

test("arrow keys and pager links move between lessons", async ({ page, url }) => {
  const lessons = await lessonRoutes(page, url);
  const [first, second, last, beforeLast] = [lessons[0], lessons[1], lessons.at(-1), lessons.at(-2)];
  // A move is done when the address has changed AND the page has re-rendered for it: the shell
  // renders after the `hashchange` event, a task of its own, and until then the navigation, the
  // pager links and the arrow keys still belong to the previous lesson.
  const arrive = async (hash, how) => {
    await until(page, (h) => location.hash === h, hash, async () => `${how} did not go to ${hash} (at ${await page.evaluate(() => location.hash)})`);
    await until(page, (h) => document.querySelector(".side a.current")?.getAttribute("href") === h, hash,
      async () => `the navigation marks the current lesson: ${await page.getAttribute(".side a.current", "href").catch(() => null)}, not ${hash}`);
  };
  // Every hash the page goes to from now on, in order, to show that a key press did nothing.
  const moves = async () => page.evaluate(() => window.__moves.splice(0));
  await visit(page, url(first, "en"));
  await page.evaluate(() => { window.__moves = []; addEventListener("hashchange", () => window.__moves.push(location.hash)); });
  await page.keyboard.press("ArrowRight");
  await arrive(second, "ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await arrive(first, "ArrowLeft");
  await moves();
  // The first lesson has no previous one. Key presses are handled in order, so once the
  // ArrowRight after it has arrived, an ArrowLeft that moved would be in the list of moves.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  await arrive(second, "ArrowRight");
  check(JSON.stringify(await moves()) === JSON.stringify([second]), "ArrowLeft on the first lesson moved");
  await page.keyboard.press("ArrowLeft");
  await arrive(first, "ArrowLeft");
  await page.click("a[rel=next]");
  await arrive(second, "the next link");
  check((await page.getAttribute(".side a.current", "href")) === second, "the navigation marks the current lesson");
  await page.click("a[rel=prev]");
  await arrive(first, "the previous link");
  // The last lesson has no next one (the same ordering argument, with ArrowLeft after it).
  await visit(page, url(last, "en"));
  await moves();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await arrive(beforeLast, "ArrowLeft");
  check(JSON.stringify(await moves()) === JSON.stringify([beforeLast]), "ArrowRight on the last lesson moved");
});

test("switching the language keeps the route and is remembered", async ({ page, url, origin }) => {
  await visit(page, url("#/views", "en"));
  const before = await page.innerText("main h1");
  await page.click("button.lang-button[lang=ko]");
  await page.waitForFunction(() => document.documentElement.lang === "ko");
  await until(page, (b) => {
    const h1 = document.querySelector("main h1")?.innerText ?? "";
    return h1 !== b && /[\uac00-\ud7a3]/.test(h1);
  }, before, async () => `heading did not switch: ${before} / ${await page.innerText("main h1")}`);
  check((await page.evaluate(() => location.hash)) === "#/views", "the route changed");
  await until(page, () => location.search === "?lang=ko", null, "the address does not say ?lang=ko");
  // Without ?lang= the remembered choice wins over the browser's language.
  await visit(page, `${origin}/#/views`);
  check((await page.getAttribute("html", "lang")) === "ko", "the choice was not remembered");
});

test("an unknown route shows a friendly page with a way back", async ({ page, url }) => {
  for (const lang of ["en", "ko"]) {
    await visit(page, url("#/no-such-lesson", lang));
    const text = await page.innerText("main");
    check(text.includes("#/no-such-lesson"), "the page does not name the route");
    await page.click("main a[href='#/']");
    await page.waitForSelector(".path");
  }
});

test("the page is locked down: CSP, local assets only", async ({ page, url }) => {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await visit(page, url("#/", "en"));
  const csp = await page.getAttribute("meta[http-equiv=Content-Security-Policy]", "content");
  check(csp && csp.includes("default-src 'self'") && csp.includes("'wasm-unsafe-eval'"), `CSP: ${csp}`);
  check(!csp.includes("inline-script-hashes"), "the CSP hook did not run");
  check(!/unsafe-inline|\*/.test(csp), `CSP too open: ${csp}`);
  check(requests.some((u) => u.endsWith(".wasm")), "no wasm was loaded");
  check(await page.$("link[rel=icon]"), "no favicon");
});

test("presenter mode hides the lesson list, shows the scene's caption large, and starts from ?present=1", async ({ page, url, origin }) => {
  const [first] = await lessonRoutes(page, url);
  await visit(page, url(first, "en"));
  check(await page.isVisible(".side"), "the lesson list is hidden before presenting");
  const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.click(".present-button");
  await page.waitForFunction(() => document.documentElement.classList.contains("presenting"));
  check(!(await page.isVisible(".side")), "the lesson list is still shown");
  const caption = await page.$eval(".present-caption", (p) => parseFloat(getComputedStyle(p).fontSize));
  check(caption >= 1.5 * body, `the caption is not in large type: ${caption}px against ${body}px`);
  await page.keyboard.press("ArrowRight"); // the keys step through the lesson's scenes
  await page.waitForFunction((h) => location.hash.startsWith(h) && location.search.includes("scene=2"), first);
  await page.click(".present-leave");
  await page.locator(".side").waitFor({ state: "visible", timeout: 20000 })
    .catch(() => { throw new Error("leaving presenter mode did not restore the list"); });
  await page.goto(`${origin}/?present=1#/views`);
  await until(page, () => document.documentElement.classList.contains("presenting") && location.search.includes("present=1"), null, "?present=1 ignored");
});
