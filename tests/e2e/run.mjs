// Runs every end-to-end spec against a built site: `node tests/e2e/run.mjs [dist] [--only NAME]`.
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { run } from "./harness.mjs";

const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const dist = resolve(args[0] ?? "dist");
const here = new URL(".", import.meta.url).pathname;
for (const f of (await readdir(here)).filter((f) => f.endsWith(".spec.mjs")).sort()) {
  await import(`./${f}`);
}
process.exit((await run(dist, { only })) ? 0 : 1);
