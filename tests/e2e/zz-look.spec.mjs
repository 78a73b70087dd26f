import { test, ready } from "./harness.mjs";
const shots = {
  "scan": ["#/scan?pos=2", [".stepper", ".question", ".cost", ".gpu"]],
  "scan-pairs": ["#/scan?ex=pairs&pos=5&n=8", [".stepper", ".question"]],
  "scan-pairs16": ["#/scan?ex=pairs&pos=9&n=16", [".stepper"]],
  "scan-32": ["#/scan?ex=pairs&pos=7&n=32", [".stepper"]],
  "bench": ["#/scan/bench", [".bench"]],
  "hardware": ["#/hardware", [".hierarchy", "main"]],
};
for (const lang of ["en", "ko"]) for (const [name, [hash, sels]] of Object.entries(shots)) {
  test(`look ${name} ${lang}`, async ({ page, url }) => {
    await page.goto(url(hash, lang));
    await ready(page);
    await page.waitForTimeout(name === "bench" ? 8000 : 1200);
    let i = 0;
    for (const s of sels) await page.locator(s).first().screenshot({ path: `/tmp/look/${name}-${lang}-${i++}.png` });
  });
}
