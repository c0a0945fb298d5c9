// Beyond the notebook: level curves where f equals their labels, gradient
// paths that climb for a small step, and the drawn lines really on the canvas.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser } from "./helpers.js";

const env = useBrowser();

test("level curves lie where f equals the labelled level, and are drawn", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=x^2%2By^2-x*y`);
  const levels = (await page.$eval("#gi-both", (c) => c.dataset.levels)).split(",").map(Number);
  assert.ok(levels.length >= 4, `${levels}`);
  const r = await page.evaluate((levels) => {
    const m = window.__gradients ?? null;
    return import("/www/pkg/gradients.js").then((m) => {
      const f = new m.ScalarField("x^2+y^2-x*y", ["x", "y"]);
      const segs = f.contours(0, 4, 121, 0, 4, 121, levels);
      let worst = 0;
      const mids = [];
      for (let k = 0; k < segs.length; k += 5) {
        for (const [x, y] of [[segs[k + 1], segs[k + 2]], [segs[k + 3], segs[k + 4]]]) {
          worst = Math.max(worst, Math.abs(f.eval([x, y]) - levels[segs[k]]));
        }
        if (k % 250 === 0) mids.push([(segs[k + 1] + segs[k + 3]) / 2, (segs[k + 2] + segs[k + 4]) / 2]);
      }
      return { n: segs.length / 5, worst, mids };
    });
  }, levels);
  // f ranges over [0, 16]; linear interpolation on a 1/30 grid is this close.
  assert.ok(r.n > 100);
  assert.ok(r.worst < 0.01, `max |f - level| on the curves: ${r.worst}`);
  // Near each sampled curve point the canvas shows a light contour pixel.
  const light = await page.$eval("#gi-both", (c, mids) => {
    const d = c.dataset, ctx = c.getContext("2d");
    let hits = 0;
    for (const [x, y] of mids) {
      const px = +d.plotLeft + ((x - +d.xmin) / (+d.xmax - +d.xmin)) * +d.plotWidth;
      const py = +d.plotTop + ((+d.ymax - y) / (+d.ymax - +d.ymin)) * +d.plotHeight;
      const img = ctx.getImageData(Math.round(px) - 2, Math.round(py) - 2, 5, 5).data;
      let found = false;
      for (let i = 0; i < img.length; i += 4) if (img[i] > 185 && img[i + 1] > 185 && img[i + 2] > 185) found = true; // white at 75% over any viridis colour
      if (found) hits++;
    }
    return hits / mids.length;
  }, r.mids);
  assert.ok(light > 0.6, `only ${light} of sampled curve points have a drawn line nearby`);
  saveShot("contours.png", await page.locator("#gi-both").screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("a gradient-ascent path climbs for a small step and overshoots for a big one", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=-(x-2)^2-(y-2)^2&gi.p=0.5,3.5&gi.path=ascent&gi.step=0.05&gi.steps=30`);
  const fs = (await page.$eval("#gi-both", (c) => c.dataset.pathF)).split(",").map(Number);
  assert.equal(fs.length, 31);
  for (let k = 1; k < fs.length; k++) assert.ok(fs[k] > fs[k - 1], `f fell at step ${k}: ${fs[k - 1]} → ${fs[k]}`);
  assert.match(await page.textContent("#gi-path-readout"), /Ascent with step 0\.05/);
  assert.equal(await page.isVisible("#gi-path-plot"), true);
  // Step 1.2 on this bowl: x - 2 ← (1 - 2.4)(x - 2), so the path overshoots and f falls.
  await page.fill("#gi-step", "1.2");
  const big = (await page.$eval("#gi-both", (c) => c.dataset.pathF)).split(",").map(Number);
  assert.ok(big[5] < big[0], `expected overshoot: ${big.slice(0, 6)}`);
  saveShot("path.png", await page.locator("#gradient-intuition").screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("check-your-understanding questions answer with an explanation", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const n = await page.$$eval("section", (ss) => ss.map((s) => s.querySelectorAll(".quiz .q").length));
  assert.ok(n.every((k) => k >= 2), `questions per section: ${n}`);
  const q = page.locator("#gradients .quiz .q").first(); // "if one component is zero, all are": false
  await q.getByRole("button", { name: "True" }).click();
  assert.match(await q.locator(".q-feedback").textContent(), /Not quite\. .*\(0, 1\)/);
  await q.getByRole("button", { name: "False" }).click();
  assert.match(await q.locator(".q-feedback").textContent(), /Right\./);
  assert.deepEqual(problems, []);
  await context.close();
});

test("dark mode follows the system and the figures follow it; print hides the controls", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(50); // let the change listener redraw
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(bg, "rgb(22, 24, 28)");
  const corner = await page.$eval("#heat-canvas", (c) => Array.from(c.getContext("2d").getImageData(2, 2, 1, 1).data));
  assert.ok(corner[0] < 60 && corner[1] < 60, `figure background after switching to dark: ${corner}`);
  saveShot("dark-1280.png", await page.locator("#gradient-intuition").screenshot());
  await page.emulateMedia({ colorScheme: "light", media: "print" });
  assert.equal(await page.isVisible("#heat-canvas"), true);
  assert.equal(await page.locator(".links").first().isVisible(), false);
  saveShot("print.png", await page.screenshot());
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 50_000);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the 3D surface turns by drag and keys, and its top has the colour bar's top colour", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const c = page.locator("#surf-canvas");
  await c.scrollIntoViewIfNeeded();
  const snap = () => page.$eval("#surf-canvas", (cv) => {
    const px = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
    let h = 0;
    for (let i = 0; i < px.length; i += 97) h = (h * 31 + px[i]) >>> 0;
    return h;
  });
  const before = await snap();
  const box = await c.boundingBox();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 5 });
  await page.mouse.up();
  const afterDrag = await snap();
  assert.notEqual(afterDrag, before, "dragging did not change the view");
  await c.focus();
  await page.keyboard.press("ArrowLeft");
  assert.notEqual(await snap(), afterDrag, "the arrow key did not turn the view");
  // The highest point of the surface is coloured like the top of the bar.
  const r = await page.$eval("#surf-canvas", (cv) => {
    const d = cv.dataset, ctx = cv.getContext("2d");
    const around = (x, y) => {
      const img = ctx.getImageData(x - 3, y - 3, 7, 7).data;
      const out = [];
      for (let i = 0; i < img.length; i += 4) out.push([img[i], img[i + 1], img[i + 2]]);
      return out;
    };
    return { top: around(+d.topX, +d.topY), bar: Array.from(ctx.getImageData(+d.barX, +d.barTop + 2, 1, 1).data).slice(0, 3) };
  });
  const close = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 12);
  assert.ok(r.top.some((p) => close(p, r.bar)), `no pixel near the top matches the bar's top colour ${r.bar}`);
  // The view's angles are kept in the link.
  await page.waitForFunction(() => location.search.includes("heat.az"));
  saveShot("surface.png", await c.screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("the lost slide: the plane y = y0 cuts 9 - x^2 - y^2 and the tangent slope is -2 x0", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  assert.match(await page.textContent("#slide-readout"), /∂f\/∂x = −2x₀ = −2\b/);
  await page.$eval("#slide-x", (s) => { s.value = "-1.5"; s.dispatchEvent(new Event("input")); });
  assert.match(await page.textContent("#slide-readout"), /= 3\.$/);
  saveShot("slide.png", await page.locator("#slide-canvas").screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});
