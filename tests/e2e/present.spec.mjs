// Classroom mode: presenter mode shows the scene (figures first), the keys step through the
// tours across lessons and back, the address keeps mode and scene, Esc leaves, and the speaker
// view and the audience window stay in sync over their BroadcastChannel.
import { test, check, until, lessonRoutes } from "./harness.mjs";

/** The share of the viewport covered by the visible parts of the canvases. */
const share = (page) => page.evaluate(() => {
  let a = 0;
  for (const c of document.querySelectorAll("canvas")) {
    const r = c.getBoundingClientRect();
    const x = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const y = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    a += x * y;
  }
  return a / (innerWidth * innerHeight);
});

const staged = (page) => until(page, () => document.documentElement.classList.contains("staged")
  && [...document.querySelectorAll('figure[data-stage="on"] canvas')].every((c) => +c.dataset.draws > 0)
  && document.querySelector('figure[data-stage="on"]'), null, "the scene's figures were not drawn on the stage");

const scene = (page) => page.evaluate(() => new URLSearchParams(location.search).get("scene"));

test("presenter mode puts the figure first on every lesson at 1920x1080 and 1280x720", async ({ page, url }) => {
  const routes = await lessonRoutes(page, url);
  for (const [width, height] of [[1920, 1080], [1280, 720]]) {
    await page.setViewportSize({ width, height });
    for (const route of routes) {
      await page.goto(url(route, "en").replace("?lang=en", "?lang=en&present=1"));
      await staged(page);
      const s = await share(page);
      check(s >= 0.5, `${route} at ${width}x${height}: the figures cover ${s.toFixed(2)} of the first screen`);
    }
  }
});

for (const lang of ["en", "ko"]) {
  test(`tours step across lessons and round-trip through the address in ${lang}`, async ({ page, url }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(url("#/state", lang).replace(`?lang=${lang}`, `?lang=${lang}&present=1`));
    await staged(page);
    const captions = [];
    // Step to the end of the first lesson's tour and over into the next lesson.
    for (let i = 0; ; i++) {
      captions.push(await page.$eval(".present-caption", (p) => p.textContent));
      check(!captions.at(-1).includes("⟦"), `missing caption at scene ${i + 1}`);
      const before = await page.evaluate(() => location.href);
      await page.keyboard.press(i % 2 ? "PageDown" : "ArrowRight");
      await until(page, (b) => location.href !== b, before, "the key did not move to another scene");
      await staged(page);
      if (await page.evaluate(() => location.hash.startsWith("#/continuous"))) break;
      check(i < 12, "the first tour never ended");
    }
    check(await scene(page) === "1", "the next lesson starts at scene 1");
    check(await page.evaluate(() => document.documentElement.classList.contains("staged")), "still presenting after crossing");
    check(new Set(captions).size === captions.length, "every scene has its own caption");
    // A reload keeps the mode and the scene; ← goes back over the lesson boundary.
    await page.keyboard.press("ArrowRight");
    await until(page, () => new URLSearchParams(location.search).get("scene") === "2", null, "→ did not reach scene 2");
    const caption = await page.$eval(".present-caption", (p) => p.textContent);
    await page.reload();
    await staged(page);
    check(await scene(page) === "2" && await page.$eval(".present-caption", (p) => p.textContent) === caption, "reload lost the scene");
    await page.keyboard.press("ArrowLeft");
    await until(page, () => new URLSearchParams(location.search).get("scene") === "1", null, "← did not go back");
    await page.keyboard.press("PageUp");
    await until(page, () => location.hash.startsWith("#/state"), null, "PageUp did not cross back into the previous lesson");
    await until(page, (c) => document.querySelector(".present-caption")?.textContent === c, captions.at(-1), "back in the previous lesson, not at its last scene");
    // Esc leaves, keeping the lesson.
    await page.keyboard.press("Escape");
    await until(page, () => !document.documentElement.classList.contains("presenting") && !location.search.includes("present"), null, "Esc did not leave presenter mode");
    check(await page.evaluate(() => location.hash.startsWith("#/state")), "leaving changed the lesson");
  });
}

test("the speaker view and the audience window stay in sync", async ({ page, url }) => {
  const audienceUrl = url("#/views", "en").replace("?lang=en", "?lang=en&present=1");
  const speaker = await page.context().newPage();
  // The speaker view opens first; the audience asks for the state when it starts.
  await speaker.goto(url("#/views", "en").replace("?lang=en", "?lang=en&present=speaker&scene=3"));
  await until(speaker, () => document.querySelector(".speaker-notes p")?.textContent.length > 0, null, "no speaker notes");
  await page.goto(audienceUrl);
  await staged(page);
  await until(page, () => new URLSearchParams(location.search).get("scene") === "3", null, "the audience did not adopt the speaker's scene");
  await speaker.click(".speaker-head .present-next");
  await until(page, () => new URLSearchParams(location.search).get("scene") === "4", null, "the speaker's Next did not move the audience");
  await page.keyboard.press("ArrowRight");
  await until(speaker, () => new URLSearchParams(location.search).get("scene") === "5", null, "the audience's → did not move the speaker view");
  await speaker.close();
  await page.keyboard.press("ArrowRight");
  await until(page, () => new URLSearchParams(location.search).get("scene") === "6", null, "the audience stopped working when the speaker view closed");
});

test("a deck collects views, reorders, renames, travels in one address and presents like a tour", async ({ page, url }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const present = (route) => url(route, "en").replace("?lang=en", "?lang=en&present=1");
  // Two scenes of two lessons go into the deck from presenter mode.
  await page.goto(present("#/views"));
  await staged(page);
  const first = await page.$eval(".present-caption", (p) => p.textContent);
  await page.click(".present-bar .add-to-deck");
  await page.goto(present("#/scan"));
  await staged(page);
  await page.click(".present-bar .add-to-deck");
  await until(page, () => (localStorage.getItem("mx-deck") ?? "").includes("v2="), null, "the second view was not stored");
  await page.goto(url("#/deck", "en"));
  await until(page, () => document.querySelectorAll(".deck-view").length === 2, null, "the deck page does not list two views");
  // Rename the first, move it down, title the deck.
  await page.fill("#deck-caption-0", "Kernel = response");
  await page.fill("#deck-title", "Week 3");
  await page.click(".deck-view:nth-child(1) button[aria-label='Move down']");
  await until(page, () => document.querySelector("#deck-caption-1")?.value === "Kernel = response", null, "the renamed view did not move down");
  const link = await page.$eval("#deck-link", (i) => i.value);
  check(link.includes("#/deck?") && link.includes("Kernel%20%3D%20response") && link.includes("Week%203"), `the link does not carry the renamed deck: ${link}`);
  check(first.length > 0, "the first scene had no caption");
  // The link alone rebuilds the deck: opened with nothing stored, it shows the same views.
  const other = await page.context().newPage();
  await other.goto(url("#/", "en"));
  await other.evaluate(() => localStorage.removeItem("mx-deck"));
  await other.goto(link);
  await until(other, () => document.querySelectorAll(".deck-view").length === 2 && document.querySelector("#deck-title").value === "Week 3", null, "the shared address did not rebuild the deck");
  await other.close();
  // Presenting the deck: its captions, → to the next view, still presenting.
  await page.click(".deck-present");
  await staged(page);
  await until(page, () => location.hash.startsWith("#/scan") && new URLSearchParams(location.search).get("present") === "deck", null, "the deck did not start at its first view");
  await page.keyboard.press("ArrowRight");
  await until(page, () => location.hash.startsWith("#/views") && document.querySelector(".present-caption")?.textContent === "Kernel = response", null, "→ did not show the deck's second view with its caption");
  check(await page.evaluate(() => document.documentElement.classList.contains("staged")), "the deck view is not on the stage");
  check(await share(page) >= 0.5, "the deck's view does not put its figure first");
});
