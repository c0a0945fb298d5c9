// Writes dist/gradients.html: the whole page in one file that works opened
// from disk with no network. Each ES module becomes a function scope that
// returns its exports (so their top-level names cannot clash), the wasm is
// inlined as base64, and the Content-Security-Policy allows exactly the one
// inline script and the one inline style by their SHA-256 hashes.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const read = (p) => fs.readFileSync(path.join(root, p), "utf8");

/** Rewrites one module's source into `const NAME = (() => { ...; return {...}; })();`. */
function wrap(name, src, imports) {
  const exported = [];
  let body = src
    // import { a, b as c } from "./x.js";  →  const { a, b: c } = __x;
    .replace(/import\s*\{([^}]*)\}\s*from\s*"\.\/([\w/.-]+)";/g, (_, names, file) => {
      const mod = imports[file];
      if (!mod) throw new Error(`${name}: unknown import ${file}`);
      return `const {${names.replace(/\s+as\s+/g, ": ")}} = ${mod};`;
    })
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
  if (/\bimport\b\s*[{*\w"]/.test(body.replace(/import\.meta|import\(/g, ""))) throw new Error(`${name}: an import was not rewritten`);
  return `const ${name} = (() => {\n${body}\nreturn { ${exported.join(", ")} };\n});\n`;
}

const wasm = fs.readFileSync(path.join(root, "www/pkg/gradients_bg.wasm")).toString("base64");
const order = [
  // [file, variable] in dependency order; the glue stays a factory (see core.js).
  ["core.js", "__core"],
  ["params.js", "__params"],
  ["state.js", "__state"],
  ["ui.js", "__ui"],
  ["plot.js", "__plot"],
  ["app.js", "__app"],
];
const imports = Object.fromEntries(order.filter(([f]) => f !== "app.js"));
let script = `"use strict";\n${wrap("__glue", read("www/pkg/gradients.js"), {})}`;
script += `globalThis.GRADIENTS_INLINE = {\n  glue: __glue,\n  wasm: () => Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0)),\n};\n`;
for (const [file, v] of order) script += `${wrap(v, read(`www/${file}`), imports)}const ${v}_exports = ${v}();\n`;
// Modules import each other's exports objects, not factories.
for (const v of Object.values(imports)) script = script.replaceAll(`= ${v};`, `= ${v}_exports;`);

const css = read("www/style.css");
const hash = (s) => `'sha256-${crypto.createHash("sha256").update(s, "utf8").digest("base64")}'`;
let html = read("index.html");
html = html
  .replace(/<link rel="(modulepreload|preload)"[^>]*>\n/g, "")
  .replace(/<link rel="stylesheet" href="www\/style.css">/, () => `<style>${css}</style>`)
  .replace(/<script type="module" src="www\/app.js"><\/script>/, () => `<script type="module">${script}</script>`)
  .replace(
    /content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/,
    () => `content="default-src 'none'; script-src ${hash(script)} 'wasm-unsafe-eval'; style-src ${hash(css)};`,
  );
fs.mkdirSync(path.join(root, "dist"), { recursive: true });
fs.writeFileSync(path.join(root, "dist/gradients.html"), html);
console.log(`dist/gradients.html: ${(html.length / 1024).toFixed(0)} KB, one file, no network needed`);
