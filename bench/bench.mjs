// `make bench`: one run in headless Chromium, figures side by side.
// Prints medians; compare ratios, not absolute times (the machine is noisy).
import { execFileSync } from "node:child_process";
import zlib from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, ROOT } from "../tests/helpers.js";

const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const ms = (v) => `${v.toFixed(1)} ms`;

const srv = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1.25 });
const page = await context.newPage();
// Long tasks from the very start of each navigation.
await page.addInitScript(() => {
  window.__startLong = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__startLong.push(e.duration))).observe({ type: "longtask", buffered: true });
});
// Record what loads; sizes are measured from disk afterwards, so gzip work
// does not slow the server while the page is loading.
const urls = [];
page.on("request", (r) => urls.push(r.url()));
const t0 = Date.now();
await page.goto(srv.url);
await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
const wallReady = Date.now() - t0;
const readyMs = +(await page.$eval("body", (b) => b.dataset.readyMs));
// A second navigation (a student reloading, or the next page visit): the
// browser's caches are warm.
await page.reload();
await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
const readyWarm = +(await page.$eval("body", (b) => b.dataset.readyMs));
// Long tasks from navigation to ready (the reload).
const startLong = await page.evaluate(() => [...window.__startLong]);
const startup = await page.evaluate(() => ({
  wasm: performance.getEntriesByName("wasm-ready")[0]?.startTime,
  sections: performance.getEntriesByType("measure").filter((m) => m.name.startsWith("setup ")).map((m) => [m.name.slice(6), m.duration]),
}));

const engine = await page.evaluate(async () => {
  const m = await import("/www/pkg/gradients.js");
  const memory = (await m.default()).memory;
  const N = 1000, RUNS = 9;
  const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const xs = m.linspace(0, 4, N), ys = m.linspace(0, 4, N);
  const out = new Float64Array(3 * N * N);
  const loops = {
    "sin(x*y)": () => {
      let k = 0;
      for (let j = 0; j < N; j++) {
        const y = ys[j];
        for (let i = 0; i < N; i++) {
          const x = xs[i], u = x * y, s = Math.sin(u), c = Math.cos(u);
          out[k] = s; out[k + 1] = y * c; out[k + 2] = x * c; k += 3;
        }
      }
    },
    "exp(-(x^2+y^2)/2)*cos(3*x) + x*y^2 - ln(1+x^2)": () => {
      let k = 0;
      for (let j = 0; j < N; j++) {
        const y = ys[j];
        for (let i = 0; i < N; i++) {
          const x = xs[i];
          const e = Math.exp(-(x * x + y * y) / 2), c3 = Math.cos(3 * x), s3 = Math.sin(3 * x), q = 1 + x * x;
          out[k] = e * c3 + x * y * y - Math.log(q);
          out[k + 1] = -x * e * c3 - 3 * e * s3 + y * y - (2 * x) / q;
          out[k + 2] = -y * e * c3 + 2 * x * y;
          k += 3;
        }
      }
    },
  };
  const results = {};
  for (const [expr, loop] of Object.entries(loops)) {
    const f = new m.ScalarField(expr, ["x", "y"]);
    const te = [], tj = [], tp = [];
    let maxDiff = 0;
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      const len = f.gridInto(0, 4, N, 0, 4, N, true);
      te.push(performance.now() - t);
      t = performance.now();
      loop();
      tj.push(performance.now() - t);
      // The plain API path of the README's first example: two calls, two copies.
      t = performance.now();
      f.grid(0, 4, N, 0, 4, N);
      f.gradientGrid(0, 4, N, 0, 4, N);
      tp.push(performance.now() - t);
      if (r === 0) {
        const view = new Float64Array(memory.buffer, f.bufferPtr(), len);
        for (let k = 0; k < len; k += 997) maxDiff = Math.max(maxDiff, Math.abs(view[k] - out[k]) / (1 + Math.abs(out[k])));
      }
    }
    results[expr] = { engine: median(te), js: median(tj), plain: median(tp), maxDiff };
    f.free();
  }
  return results;
});

// Redraws of the 4.1 combined figure while the selected point moves.
const redraw = await page.evaluate(async () => {
  const c = document.querySelector("#gi-both");
  const times = [];
  const mem = async () => (await (await import("/www/pkg/gradients.js")).default()).memory.buffer.byteLength;
  const keys = ["ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown"];
  let mem10 = 0;
  for (let i = 0; i < 1000; i++) {
    c.dispatchEvent(new KeyboardEvent("keydown", { key: keys[i % 4], bubbles: true }));
    times.push(+c.dataset.drawMs);
    if (i === 9) mem10 = await mem();
  }
  times.sort((a, b) => a - b);
  return { median: times[500], p90: times[900], mem10, mem1000: await mem(), w: +c.dataset.plotWidth, h: +c.dataset.plotHeight };
});

// Turning the 3D view at normal speed: a real mouse drag (through the
// browser's input pipeline) of 480 px over about 2 s, one move a frame. Each
// draw's own duration is read from the canvas's data-draw-ms as it changes;
// long tasks (> 50 ms) are counted meanwhile.
async function turning(id) {
  const c = page.locator(`#${id}`);
  await c.scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.getElementById(id).dataset.refined === "true", id);
  await page.evaluate((id) => {
    window.__frames = [];
    window.__long = [];
    const el = document.getElementById(id);
    window.__mo = new MutationObserver(() => window.__frames.push(+el.dataset.drawMs));
    window.__mo.observe(el, { attributes: true, attributeFilter: ["data-draw-ms"] });
    window.__po = new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration)));
    window.__po.observe({ type: "longtask" });
  }, id);
  const box = await c.boundingBox();
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * 0.15, y);
  await page.mouse.down();
  for (let k = 1; k <= 120; k++) {
    await page.mouse.move(box.x + box.width * 0.15 + 4 * k, y + 20 * Math.sin(k / 20));
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const r = await page.evaluate(() => {
    window.__mo.disconnect();
    window.__po.disconnect();
    const t = [...window.__frames].sort((a, b) => a - b);
    return { n: t.length, median: t[Math.floor(t.length / 2)], p90: t[Math.floor(t.length * 0.9)], long: window.__long };
  });
  // Then 60 arrow-key turns: full-resolution frames (a drag draws at half).
  await c.focus();
  const keyFrames = [];
  for (let k = 0; k < 60; k++) {
    await page.keyboard.press(k % 2 ? "ArrowLeft" : "ArrowRight");
    keyFrames.push(+(await c.evaluate((el) => el.dataset.drawMs)));
  }
  keyFrames.sort((a, b) => a - b);
  const size = await c.evaluate((el) => `${el.width} x ${el.height}`);
  return { ...r, size, mesh: await c.evaluate((el) => el.dataset.mesh), keyMedian: keyFrames[30], keyP90: keyFrames[54] };
}
const turns = {};
for (const id of ["surf-canvas", "gi-surf"]) turns[id] = await turning(id);

let numpy = null;
try {
  numpy = JSON.parse(execFileSync("python3", [path.join(ROOT, "bench", "numpy_seed.py")], { encoding: "utf8" }));
} catch (e) {
  numpy = { error: String(e.message).split("\n")[0] };
}

await browser.close();
await srv.close();

const loaded = [...new Set(urls)].filter((u) => u.startsWith(srv.url)).map((u) => {
  let p = new URL(u).pathname;
  if (p.endsWith("/")) p += "index.html";
  const body = fs.readFileSync(path.join(ROOT, p));
  return { url: u, raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length };
});
const weight = loaded.reduce((a, r) => a + r.gz, 0);
const raw = loaded.reduce((a, r) => a + r.raw, 0);
console.log("Gradients benchmark (headless Chromium, one run; medians)\n");
for (const [expr, r] of Object.entries(engine)) {
  console.log(`value + exact gradient of ${expr}, 1000 x 1000 grid over [0, 4]^2`);
  console.log(`  engine ${ms(r.engine)}   hand-written JS ${ms(r.js)}   ratio engine/JS ${(r.engine / r.js).toFixed(2)}   (max rel. difference ${r.maxDiff.toExponential(1)})`);
  console.log(`  plain f.grid + f.gradientGrid ${ms(r.plain)}   ratio plain/JS ${(r.plain / r.js).toFixed(2)}`);
}
const s = engine["sin(x*y)"];
if (numpy.numpy_ms) {
  console.log(`  numpy (seed code, ${numpy.numpy_version}) ${ms(numpy.numpy_ms)}   ratio engine/numpy ${(s.engine / numpy.numpy_ms).toFixed(2)}`);
} else {
  console.log(`  numpy: not run (${numpy.error})`);
}
console.log(`redraw of the 4.1 combined figure (${redraw.w} x ${redraw.h} device-pixel heatmap + 15 x 15 arrows), point moving: median ${ms(redraw.median)} per frame, p90 ${ms(redraw.p90)}`);
for (const [id, t] of Object.entries(turns)) {
  console.log(`turning the 3D view #${id} (${t.size} device px, ${t.mesh}² mesh) by mouse at normal speed (half-resolution frames while dragging): ${t.n} frames, median ${ms(t.median)}, p90 ${ms(t.p90)} per frame; tasks over 50 ms: ${t.long.length ? t.long.map((d) => d.toFixed(0)).join(", ") + " ms" : "none"}`);
  console.log(`  by arrow keys (full-resolution frames): median ${ms(t.keyMedian)}, p90 ${ms(t.keyP90)}`);
}
console.log(`tasks over 50 ms while the page started (reload): ${startLong.length ? startLong.map((d) => d.toFixed(0)).join(", ") + " ms" : "none"}`);
console.log(`page weight: ${(weight / 1024).toFixed(1)} KB gzip (${(raw / 1024).toFixed(1)} KB raw) in ${loaded.length} files`);
for (const r of loaded) console.log(`  ${(r.gz / 1024).toFixed(1).padStart(6)} KB  ${r.url.replace(srv.url, "/")}`);
console.log(`ready after navigation: ${ms(readyMs)} first load (page clock, ${wallReady} ms wall), ${ms(readyWarm)} on reload; on reload wasm loaded at ${ms(startup.wasm)}; first draw per section: ${startup.sections.map(([n, d]) => `${n} ${d.toFixed(0)}`).join(", ")} ms`);
console.log(`wasm memory: ${(redraw.mem10 / 1048576).toFixed(2)} MiB after 10 redraws, ${(redraw.mem1000 / 1048576).toFixed(2)} MiB after 1,000`);

// Start-up as students meet it (fresh browser, CPU 4× and normal speed).
const { startup: startupRun } = await import("./startup.mjs");
const srv2 = await serve();
try {
  await startupRun(srv2.url, "index.html");
  if (fs.existsSync(path.join(ROOT, "dist", "gradients.html"))) await startupRun(`${srv2.url}dist/gradients.html`, "dist/gradients.html");
} finally {
  await srv2.close();
}
