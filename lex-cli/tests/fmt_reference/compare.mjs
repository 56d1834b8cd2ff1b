// Compares `lex fmt` with prettier (`--parser json`) on the lexicon corpus and on layout
// variants of it, and reports every difference. See README.md beside this file.
//
//   node compare.mjs --prettier /tmp/prettier --lex target/debug/lex \
//       --corpus ../shared/corpus/atproto [--write-cases]
//
// Variants of every corpus file, made from its tokens so that strings and numbers keep
// their spelling: minified, fully expanded, randomly mixed (seeded: same run, same
// files), with CRLF line ends; plus synthetic documents (long strings, unicode, numbers
// like 1e3, -0, 1.50, number arrays, nesting). `--write-cases` also writes a small sample
// of inputs with prettier's output into cases/, which the Rust test `fmt_reference`
// compares without node.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const here = path.dirname(new URL(import.meta.url).pathname);
const prettierRoot = opt("--prettier", "/tmp/prettier");
const lex = opt("--lex", path.resolve(here, "../../../target/debug/lex"));
const corpus = opt("--corpus", path.resolve(here, "../../../../shared/corpus/atproto"));
const writeCases = args.includes("--write-cases");
const prettier = await import(`${prettierRoot}/node_modules/prettier/index.mjs`);

// Seeded PRNG (mulberry32), so every run produces the same variants.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tokens(text) {
  const re = /\s+|"(?:[^"\\]|\\.)*"|[{}[\]:,]|[^\s{}[\]:,"]+/gy;
  return (text.match(re) ?? []).filter((t) => !/^\s+$/.test(t));
}

// Re-lays tokens out: `style(depth)` picks the whitespace around each punctuation.
function relayout(toks, choose) {
  let out = "";
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const next = toks[i + 1];
    if (t === "{" || t === "[") {
      depth++;
      out += t;
      if (next !== "}" && next !== "]") out += choose("open", depth);
    } else if (t === "}" || t === "]") {
      depth--;
      const prev = toks[i - 1];
      if (prev !== "{" && prev !== "[") out += choose("close", depth);
      out += t;
    } else if (t === ",") {
      out += "," + choose("comma", depth);
    } else if (t === ":") {
      out += choose("colon", depth);
    } else {
      out += t;
    }
  }
  return out + "\n";
}

const pad = (d) => "  ".repeat(d);
const minified = (toks) => relayout(toks, (k) => (k === "colon" ? ":" : ""));
const expanded = (toks) =>
  relayout(toks, (k, d) => (k === "colon" ? ": " : k === "close" ? "\n" + pad(d) : "\n" + pad(d)));
function mixed(toks, seed) {
  const r = rng(seed);
  return relayout(toks, (k, d) => {
    const x = r();
    if (k === "colon") return x < 0.5 ? ": " : x < 0.8 ? ":" : " : ";
    if (k === "open") return x < 0.5 ? "" : x < 0.9 ? "\n" + pad(d) : " ";
    if (k === "close") return x < 0.5 ? "" : "\n" + pad(d);
    return x < 0.4 ? " " : x < 0.85 ? "\n" + pad(d) : x < 0.95 ? "\n\n" + pad(d) : "\n \t\n";
  });
}

const long = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.";
const synthetic = {
  "long-strings": `{"description":"${long} ${long}","a":{"b":{"c":{"d":"${long}"}}},"id":"${long}","enum":["${long}","x"]}`,
  "unicode-cjk": `{"k":"日本語日本語日本語日本語日本語日本語日本語","l":["日本語日本語日本語日本語日本語日本","x"],"m":{"n":"한국어 텍스트 한국어 텍스트 한국어 텍스트 한국어","o":"中文"}}`,
  "unicode-emoji": `{"a":["👍🏽 thumbs with a tone, and more words to get near the edge","👨‍👩‍👧"],"b":["🇫🇷 flags 🇯🇵 and keycaps #️⃣ and hearts ❤️ near the line end xx","y"]}`,
  "unicode-combining": `{"a":["e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301 combining marks count zero wide","zz"]}`,
  "string-escapes": `{"s":"\\u00e9\\/\\n\\t\\"quoted\\"\\\\","t":"\\ud83d\\ude00","u":"tab\\there"}`,
  numbers: `{"n":[1e3,-0,1.50,1E+5,0.0,1.00,1e0,1e-05,10.0e10,-3.25,123456789012345678901234567890],"m":1.50,"o":-0}`,
  "number-fill": `{"k":[${Array.from({ length: 60 }, (_, i) => (i % 7 === 0 ? -i : i * 13)).join(",")}],"l":[1,"a",2]}`,
  "number-fill-blank": `{"k":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n\n28,29]}`,
  "arrays-of-objects": `[{"a":1,"b":2},{"a":1,"b":2}]`,
  "arrays-mixed": `{"x":[{"a":1},{"a":1}],"y":[[1,2],[3,4]],"z":[[1,2],[3,4],[]],"w":[{"a":1,"b":2},[1,2]],"v":[[],[[]],{}]}`,
  "deep-nesting": `${"[".repeat(40)}"leaf"${"]".repeat(40)}`,
  "long-keys": `{"${"k".repeat(90)}":{"x":1},"${"j".repeat(76)}":[1,2],"${"i".repeat(74)}":"v"}`,
  "exact-width": `{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":[1,2],"b":1}`,
  "blank-lines": `{"a":1,\n\n\n"b":[1,\n\n2],\n\n"c":["x",\n\n"y"],"d":{"e":1\n\n,"f":2}}`,
  scalars: `"just a string"`,
  "empty-containers": `{"a":{},"b":[],"c":{\n},"d":[\n],"e":[{}],"f":[[],[]]}`,
  bom: `\ufeff{"a":1}`,
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "lex-fmt-ref-"));
const inputs = new Map(); // relative name -> text
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith(".json")) out.push(p);
  }
  return out;
}
const corpusFiles = fs.existsSync(corpus) ? walk(corpus) : [];
let seed = 1;
for (const file of corpusFiles) {
  const rel = path.relative(corpus, file).replaceAll(path.sep, "__").replace(/\.json$/, "");
  const text = fs.readFileSync(file, "utf8");
  const toks = tokens(text);
  inputs.set(`corpus/${rel}.json`, text);
  inputs.set(`minified/${rel}.json`, minified(toks));
  inputs.set(`expanded/${rel}.json`, expanded(toks));
  inputs.set(`mixed/${rel}.json`, mixed(toks, seed++));
  inputs.set(`crlf/${rel}.json`, mixed(toks, seed++).replaceAll("\n", "\r\n"));
}
for (const [name, text] of Object.entries(synthetic)) {
  inputs.set(`synthetic/${name}.json`, text);
  const toks = tokens(text.replace(/^\ufeff/, ""));
  inputs.set(`synthetic/${name}.minified.json`, minified(toks));
  inputs.set(`synthetic/${name}.expanded.json`, expanded(toks));
  inputs.set(`synthetic/${name}.mixed.json`, mixed(toks, seed++));
}

// Random documents with values of random widths, so that lines end near column 80 in
// every way (fills of numbers, nested groups, wide characters).
function randomDoc(r, depth = 0) {
  const words = ["a", "bb", "lorem", "ipsum dolor", "日本語", "é", "👍🏽", "x".repeat(30), "\\n", "\\u00e9"];
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const x = r();
  if (depth > 5 || (depth > 0 && x < 0.3)) {
    const y = r();
    if (y < 0.4) return JSON.stringify(Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(words)).join(" ")).replaceAll("\\\\", "\\");
    if (y < 0.75) return pick(["0", "-1", "1.50", "1e3", "12345", "-0", "3.25", "1E+2", "99999999"]);
    return pick(["true", "false", "null"]);
  }
  const n = Math.floor(r() * 6);
  if (x < 0.6) {
    const numbers = r() < 0.3;
    const items = Array.from({ length: numbers ? n * 8 : n }, () => (numbers ? String(Math.floor(r() * 2000) - 500) : randomDoc(r, depth + 1)));
    return "[" + items.join(",") + "]";
  }
  const keys = Array.from({ length: n }, (_, i) => JSON.stringify(pick(["k", "key", "description", "properties", "x".repeat(20)]) + i));
  return "{" + keys.map((k) => k + ":" + randomDoc(r, depth + 1)).join(",") + "}";
}
const random = rng(4242);
for (let i = 0; i < 300; i++) {
  const toks = tokens(randomDoc(random));
  inputs.set(`random/${i}.json`, i % 2 === 0 ? minified(toks) : mixed(toks, seed++));
}

const expected = new Map();
for (const [name, text] of inputs) {
  fs.mkdirSync(path.join(work, path.dirname(name)), { recursive: true });
  fs.writeFileSync(path.join(work, name), text);
  expected.set(name, await prettier.format(text, { parser: "json" }));
}

// `lex fmt` rewrites the copies in place; then a second run must find nothing to change.
const started = process.hrtime.bigint();
try {
  execFileSync(lex, ["fmt", work], { stdio: ["ignore", "ignore", "inherit"] });
} catch (e) {
  console.error(`lex fmt failed: exit ${e.status}`);
}
const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
let idempotent = true;
try {
  execFileSync(lex, ["fmt", "--check", work], { stdio: ["ignore", "ignore", "inherit"] });
} catch {
  idempotent = false;
}

const groups = new Map();
const differences = [];
for (const [name, want] of expected) {
  const got = fs.readFileSync(path.join(work, name), "utf8");
  const group = name.split("/")[0];
  const g = groups.get(group) ?? { files: 0, differ: 0 };
  g.files++;
  if (got !== want) {
    g.differ++;
    differences.push(name);
  }
  groups.set(group, g);
}
for (const [group, g] of groups) console.log(`${group}: ${g.files} files, ${g.differ} differ`);
console.log(`total: ${inputs.size} files, ${differences.length} differ; lex fmt took ${elapsed.toFixed(0)} ms for ${inputs.size} files; second run ${idempotent ? "changed nothing" : "CHANGED FILES"}`);
for (const name of differences.slice(0, 10)) {
  const got = fs.readFileSync(path.join(work, name), "utf8").split("\n");
  const want = expected.get(name).split("\n");
  const line = want.findIndex((l, i) => l !== got[i]);
  console.log(`\n--- ${name} (line ${line + 1})\nprettier: ${JSON.stringify(want[line])}\nlex fmt:  ${JSON.stringify(got[line])}`);
}

if (writeCases) {
  // A sample small enough to keep in the repository: every synthetic case, every 10th
  // random document and the variants of every 40th corpus file.
  const dir = path.join(here, "cases");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  // Byte-exact: CRLF inputs and BOMs must reach the test as written.
  fs.writeFileSync(path.join(dir, ".gitattributes"), "* -text\n");
  const chosen = new Set(corpusFiles.filter((_, i) => i % 40 === 0).map((f) => path.relative(corpus, f).replaceAll(path.sep, "__").replace(/\.json$/, "")));
  let bytes = 0;
  for (const [name, text] of inputs) {
    const [group, file] = name.split("/");
    const stem = file.replace(/\.json$/, "");
    const keep =
      group === "synthetic" ||
      (group === "random" && Number(stem) % 10 === 0) ||
      (group !== "corpus" && chosen.has(stem));
    if (!keep) continue;
    const base = `${group}__${file.replace(/\.json$/, "")}`;
    fs.writeFileSync(path.join(dir, `${base}.input.txt`), text);
    fs.writeFileSync(path.join(dir, `${base}.prettier.txt`), expected.get(name));
    bytes += Buffer.byteLength(text) + Buffer.byteLength(expected.get(name));
  }
  console.log(`\nwrote ${dir} (${(bytes / 1024).toFixed(0)} KB)`);
}
fs.rmSync(work, { recursive: true, force: true });
process.exitCode = differences.length === 0 && idempotent ? 0 : 1;
