// Trunk post-build step: writes the service worker (static/sw.js) into the built site with the
// list of the site's files and a version hash of their contents, so each build gets its own
// cache. `node tools/sw-precache.mjs [dir]` (default: Trunk's staging dir, else dist).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const template = readFileSync(new URL("../static/sw.js", import.meta.url), "utf8");
const walk = (d) => readdirSync(d).flatMap((f) => {
  const p = join(d, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
const files = walk(dir).map((p) => relative(dir, p).split("\\").join("/"))
  .filter((f) => f !== "sw.js").sort();
const hash = createHash("sha256");
for (const f of files) hash.update(f).update("\0").update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);
// "./" is index.html as the browser asks for it.
const list = ["./", ...files].map((f) => JSON.stringify(f)).join(", ");
const sw = template.replace('"__MX_VERSION__"', JSON.stringify(version)).replace('"__MX_FILES__"', list);
if (sw === template) {
  console.error("sw-precache: static/sw.js has no placeholders");
  process.exit(1);
}
writeFileSync(join(dir, "sw.js"), sw);
console.log(`sw-precache: ${files.length} files, version ${version}`);
