// End-to-end tests of the page: it gets ready with no errors, its sections
// are there, and the first figure's pixels are the colours of sin(xy).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser, checkHeatmapPixels } from "./helpers.js";

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
