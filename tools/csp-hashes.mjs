// Trunk post-build hook: puts the SHA-256 of every inline <script> of the staged index.html into
// its Content-Security-Policy, in place of the marker 'inline-script-hashes'. Trunk writes its
// loader (and, under `trunk serve`, the reload script) inline, so without this the page's own
// CSP would block them; with it, nothing but these exact scripts may run inline.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MARKER = "'inline-script-hashes'";
const file = join(process.env.TRUNK_STAGING_DIR ?? "dist", "index.html");
const html = readFileSync(file, "utf8");
if (!html.includes(MARKER)) {
  console.error(`csp-hashes: ${file} has no ${MARKER} in its Content-Security-Policy`);
  process.exit(1);
}
const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
writeFileSync(file, html.replace(MARKER, hashes.join(" ")));
