// Trunk post_build hook (Trunk.toml): minify the staged ES modules of a release build with esbuild, update
// the Subresource Integrity hashes Trunk wrote into index.html for the files it changed, and drop the HTML's
// comments and the whitespace between its tags.
//
// Why: Trunk 0.21's own JS minifier (minify-js) fails on wasm-bindgen's glue ("export default") and leaves it
// as it is; esbuild takes the glue from 7.0 KB to 5.4 KB brotli, and that counts against the demo's 150 KB
// initial-load goal (issue 6). Only ES modules are minified (the app, its snippets, the lazily imported
// profile and tools modules): a classic worker script's top-level names are globals, so it is left alone.
// Trunk's HTML minifier is not used because it trims the inline loader script, whose hash the CSP holds: the
// script must be the same bytes in `trunk serve` and `trunk build --release`, so it is never touched here.
// Debug builds (`trunk serve` without --release) are not touched at all.
import { transformSync } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) {
  console.error("minify-release: TRUNK_STAGING_DIR is not set (run as a Trunk hook)");
  process.exit(1);
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith(".js")) yield path;
  }
}

const isModule = (source) => /^\s*(import|export)\b/m.test(source);
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

const changed = new Map(); // "/path.js" -> new integrity
let before = 0;
let after = 0;
for (const path of files(stage)) {
  const source = readFileSync(path, "utf8");
  if (!isModule(source)) continue;
  const { code } = transformSync(source, {
    minify: true,
    format: "esm",
    target: "es2022",
    legalComments: "none",
  });
  if (code.length >= source.length) continue;
  writeFileSync(path, code);
  before += source.length;
  after += code.length;
  changed.set("/" + relative(stage, path).split(sep).join("/"), sri(code));
}

// Trunk's <link ... href=/x.js integrity=sha384-... rel=modulepreload> (quoted or not, minified HTML or not).
const htmlPath = join(stage, "index.html");
let html = readFileSync(htmlPath, "utf8");
let updated = 0;
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  const href = tag.match(/\shref=("?)([^"\s>]+)\1/);
  if (!href || !changed.has(href[2]) || !/\sintegrity=/.test(tag)) return tag;
  updated += 1;
  return tag.replace(/(\sintegrity=)("?)sha(256|384|512)-[^"\s>]+\2/, `$1$2${changed.get(href[2])}$2`);
});
// Outside <script> elements only: comments go, and whitespace between tags.
html = html
  .split(/(<script\b[^>]*>[\s\S]*?<\/script>)/)
  .map((part) => (part.startsWith("<script") ? part : part.replace(/<!--[\s\S]*?-->/g, "").replace(/>\s+</g, "><").replace(/>\s+$/, ">").replace(/^\s+</, "<")))
  .join("")
  .trim();
writeFileSync(htmlPath, html);
console.log(
  `minify-release: ${changed.size} ES modules, ${before} -> ${after} bytes; ${updated} integrity hashes updated`,
);
