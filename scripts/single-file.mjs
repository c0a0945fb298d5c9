// Writes dist/gradients.html: the whole page in one file that works opened
// from disk with no network. Each ES module becomes a function scope that
// returns its exports (so their top-level names cannot clash), the sections'
// dynamic imports become already-resolved promises of those exports, the
// wasm is inlined as base64, and the Content-Security-Policy allows exactly
// the one inline script and the one inline style by their SHA-256 hashes.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const www = path.join(root, "www");
const read = (p) => fs.readFileSync(path.join(root, p), "utf8");

/** Every module of the page, by its path under www/ (the wasm glue apart). */
function modules(dir = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(www, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory() && e.name !== "pkg") out.push(...modules(rel));
    else if (e.isFile() && e.name.endsWith(".js")) out.push(rel);
  }
  return out;
}
const varOf = (rel) => `__${rel.replace(/\.js$/, "").replace(/[^\w]/g, "_")}`;
const resolve = (from, spec) => path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
const STATIC = /import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}\/[\w/.-]+)";/g;
const DYNAMIC = /import\("(\.{1,2}\/[\w/.-]+)"\)/g;

/** Rewrites one module's source into a factory `const NAME = () => { ...; return {...}; };`. */
function wrap(rel, src) {
  const exported = [];
  let body = src
    // import { a, b as c } from "./x.js";  →  const { a, b: c } = __x_exports;
    .replace(STATIC, (_, names, spec) => `const {${names.replace(/\s+as\s+/g, ": ")}} = ${varOf(resolve(rel, spec))}_exports;`)
    // import("./sections/x.js")  →  Promise.resolve(__sections_x_exports)
    .replace(DYNAMIC, (_, spec) => `Promise.resolve(${varOf(resolve(rel, spec))}_exports)`)
    .replace(/export\s+(async\s+function|function|class|const|let)\s+([A-Za-z_$][\w$]*)/g, (_, kind, id) => {
      exported.push(id);
      return `${kind} ${id}`;
    })
    .replace(/export\s*\{([^}]*)\};?/g, (_, names) => {
      for (const part of names.split(",").map((s) => s.trim()).filter(Boolean)) {
        const [local, as] = part.split(/\s+as\s+/);
        exported.push(as ? `${as}: ${local}` : local);
      }
      return "";
    });
  if (/\bimport\b\s*[{*\w"(]/.test(body.replace(/import\.meta|import\((?=[a-z])/g, ""))) throw new Error(`${rel}: an import was not rewritten`);
  return `const ${varOf(rel)} = (() => {\n${body}\nreturn { ${exported.join(", ")} };\n});\n`;
}

/** Modules in dependency order (each after everything it imports). */
function ordered(all) {
  const deps = new Map(all.map((rel) => {
    const src = read(`www/${rel}`);
    const found = [...src.matchAll(STATIC), ...src.matchAll(DYNAMIC)].map((m) => resolve(rel, m[2] ?? m[1]));
    return [rel, found.filter((d) => d !== "pkg/gradients.js")];
  }));
  const out = [];
  const visit = (rel, stack = []) => {
    if (out.includes(rel)) return;
    if (stack.includes(rel)) throw new Error(`import cycle: ${[...stack, rel].join(" → ")}`);
    for (const d of deps.get(rel) ?? []) visit(d, [...stack, rel]);
    out.push(rel);
  };
  all.forEach((rel) => visit(rel));
  return out;
}

const wasm = fs.readFileSync(path.join(www, "pkg/gradients_bg.wasm")).toString("base64");
// The glue stays a factory (each call a fresh instance; see core.js).
let script = `"use strict";\n${wrap("glue.js", read("www/pkg/gradients.js"))}`;
script += `globalThis.GRADIENTS_INLINE = {\n  glue: __glue,\n  wasm: () => Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0)),\n};\n`;
for (const rel of ordered(modules())) script += `${wrap(rel, read(`www/${rel}`))}const ${varOf(rel)}_exports = ${varOf(rel)}();\n`;

const css = read("www/style.css");
const hash = (s) => `'sha256-${crypto.createHash("sha256").update(s, "utf8").digest("base64")}'`;
let html = read("index.html");
html = html
  .replace(/<link rel="(modulepreload|preload)"[^>]*>\n/g, "")
  .replace(/<link rel="stylesheet" href="www\/style.css">/, () => `<style>${css}</style>`)
  .replace(/<script type="module" src="www\/app.js"><\/script>/, () => `<script type="module">${script}</script>`)
  .replace(
    /content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/,
    // frame-src 'self': the "Embed this figure" preview is this same file in an iframe.
    () => `content="default-src 'none'; script-src ${hash(script)} 'wasm-unsafe-eval'; style-src ${hash(css)}; frame-src 'self';`,
  );
fs.mkdirSync(path.join(root, "dist"), { recursive: true });
fs.writeFileSync(path.join(root, "dist/gradients.html"), html);
console.log(`dist/gradients.html: ${(html.length / 1024).toFixed(0)} KB, one file, no network needed`);
