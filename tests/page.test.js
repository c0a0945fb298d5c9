// End-to-end tests of the page: it gets ready with no errors, its sections
// are there, and the first figure's pixels are the colours of sin(xy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, COLORMAPS, cmapIndex, useBrowser } from "./helpers.js";

const env = useBrowser();

test("page gets ready with no console errors and has every section", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const ids = await page.$$eval("main > section", (s) => s.map((e) => e.id));
  assert.deepEqual(ids, ["functions", "vector-valued", "partial-derivatives", "gradients", "gradient-intuition", "steepest-ascent"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the seed's f(1, 2, 3) is printed exactly", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  assert.equal(await page.textContent("#eval3-out"), "32.08553692318767");
  assert.deepEqual(problems, []);
  await context.close();
});

/** Reads device pixels of the heatmap and checks them against viridis of the
 *  normalised function, computed here with Math.sin and matplotlib's table. */
async function checkHeatmapPixels(page, fn, { dpr }) {
  const info = await page.$eval("#heat-canvas", (c) => {
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

test("heatmap pixels are viridis of normalised sin(xy)", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const info = await checkHeatmapPixels(page, (x, y) => Math.sin(x * y), { dpr: 1 });
  assert.equal(info.xmin, 0);
  assert.equal(info.xmax, 4);
  // sin(xy) on [0, 4]² reaches both -1 and 1 to within the pixel grid.
  assert.ok(info.vmin < -0.999 && info.vmax > 0.999, `${info.vmin} ${info.vmax}`);
  saveShot("functions-1280.png", await page.locator("#functions").screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("heatmap is drawn in device pixels on a 2x screen", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url, { dpr: 2 });
  await checkHeatmapPixels(page, (x, y) => Math.sin(x * y), { dpr: 2 });
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing a new function redraws the heatmap with its colours", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await page.fill("#heat-f", "x^2 - y");
  await page.press("#heat-f", "Enter");
  await page.waitForFunction(() => Math.abs(+document.querySelector("#heat-canvas").dataset.vmin - -4) < 0.05);
  await checkHeatmapPixels(page, (x, y) => x * x - y, { dpr: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a bad function shows a message and keeps the last good figure", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await page.fill("#heat-f", "2x + y");
  await page.press("#heat-f", "Enter");
  const msg = await page.textContent("#heat-f-err");
  assert.match(msg, /2\*x/);
  assert.match(msg, /character 1/);
  await checkHeatmapPixels(page, (x, y) => Math.sin(x * y), { dpr: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});
