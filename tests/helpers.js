// Shared set-up for the browser tests: a static server on loopback, Debian's
// Chromium driven by playwright-core, and a page that fails the test on any
// console error or uncaught exception.
import http from "node:http";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import assert from "node:assert/strict";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = path.join(ROOT, "tests", "output");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Serves `root` on 127.0.0.1 at a free port; with `gzip`, compressed as any
 * static host serves text (for Lighthouse's scores).
 */
export function serve(root = ROOT, { gzip = false } = {}) {
  const packed = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let p = path.normalize(decodeURIComponent(url.pathname));
    if (p.endsWith("/")) p += "index.html";
    const file = path.join(root, p);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end("not found");
        return;
      }
      const headers = { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" };
      if (gzip && /gzip/.test(req.headers["accept-encoding"] ?? "") && path.extname(file) !== ".png") {
        if (!packed.has(file)) packed.set(file, zlib.gzipSync(data, { level: 9 }));
        headers["content-encoding"] = "gzip";
        data = packed.get(file);
      }
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ server, url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens `url` in a fresh page and waits for <body data-ready="true">.
 * Returns the page and the list of problems seen (console errors, page errors,
 * CSP violations); tests assert that list is empty.
 */
export async function openPage(browser, url, { width = 1280, height = 900, dpr = 1, wait = true, touch = false, scheme, ...more } = {}) {
  // `more`: other context options, such as reducedMotion.
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, colorScheme: scheme, ...more });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  if (wait) await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 20000 });
  return { page, context, problems };
}

export function saveShot(name, buf) {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, name), buf);
}

export const COLORMAPS = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "colormaps.json"), "utf8"));

/** matplotlib's lookup: t in [0, 1] → one of 256 colours. */
export function cmapIndex(t) {
  if (!(t > 0)) return 0;
  return Math.min(255, Math.floor(t * 256));
}

/**
 * The usual set-up of a browser test file: a server on loopback and one
 * Chromium, started before the tests and closed after. Returns an object
 * whose `srv` and `browser` are filled in by then.
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.srv = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.close();
  });
  return env;
}

/** Reads device pixels of a heatmap (`id`) and checks them against viridis of
 *  the function `fn` (computed in the test) normalised to the canvas's
 *  data-vmin..data-vmax, matplotlib's table, clipped at both ends. */
export async function checkHeatmapPixels(page, fn, { dpr, id = "#heat-canvas" }) {
  const info = await page.$eval(id, (c) => {
    const d = c.dataset;
    const ctx = c.getContext("2d");
    const L = +d.plotLeft, T = +d.plotTop, W = +d.plotWidth, H = +d.plotHeight;
    const samples = [];
    for (const [fx, fy] of [[0.1, 0.1], [0.5, 0.5], [0.25, 0.8], [0.9, 0.3], [0.7, 0.65], [0.33, 0.15], [0.95, 0.95]]) {
      const i = Math.floor(fx * W), j = Math.floor(fy * H);
      const px = ctx.getImageData(L + i, T + j, 1, 1).data;
      samples.push({ i, j, rgba: Array.from(px) });
    }
    return { W, H, xmin: +d.xmin, xmax: +d.xmax, ymin: +d.ymin, ymax: +d.ymax, vmin: +d.vmin, vmax: +d.vmax, samples, cw: c.width };
  });
  assert.ok(info.W > 100 && info.H > 100, "plot area has a real size");
  // Crisp on high-DPI: the backing store is in device pixels.
  assert.ok(info.cw >= 300 * dpr);
  for (const s of info.samples) {
    const x = info.xmin + ((s.i + 0.5) / info.W) * (info.xmax - info.xmin);
    const y = info.ymax - ((s.j + 0.5) / info.H) * (info.ymax - info.ymin);
    const t = (fn(x, y) - info.vmin) / (info.vmax - info.vmin);
    const k = cmapIndex(t);
    const near = [k - 1, k, k + 1].filter((q) => q >= 0 && q < 256).map((q) => COLORMAPS.viridis[q]);
    const ok = near.some((c) => c.every((v, n) => Math.abs(v - s.rgba[n]) <= 1)) && s.rgba[3] === 255;
    assert.ok(ok, `pixel (${s.i}, ${s.j}) at (${x.toFixed(3)}, ${y.toFixed(3)}) is ${s.rgba}, expected viridis[${k}] = ${COLORMAPS.viridis[k]}`);
  }
  return info;
}
