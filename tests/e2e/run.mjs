// Runs the end-to-end specs against a built site:
// `node tests/e2e/run.mjs [dist] [--spec FILE] [--only NAME]`, where `--spec` keeps the spec files
// whose name contains FILE (e.g. `--spec shell`) and `--only` the tests whose name contains NAME.
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { run } from "./harness.mjs";

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const [spec, only] = [flag("--spec"), flag("--only")];
const dist = resolve(args[0] ?? "dist");
const here = new URL(".", import.meta.url).pathname;
const files = (await readdir(here)).filter((f) => f.endsWith(".spec.mjs") && (!spec || f.includes(spec))).sort();
if (files.length === 0) throw new Error(`no spec file matches ${spec}`);
for (const f of files) await import(`./${f}`);
process.exit((await run(dist, { only })) ? 0 : 1);
