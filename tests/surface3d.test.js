// The 3D views (issue 12): true depth, a readable frame, one colour scale with
// the heatmap, one point in every view, honest sampling. Every check reads
// pixels the page actually drew, or the page's own state after real input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser } from "./helpers.js";

const env = useBrowser();

const refined = (page, id) =>
  page.waitForFunction((id) => document.getElementById(id).dataset.refined === "true", id, { timeout: 15000 });

/** Types a function (and optionally a domain) into section 1 and waits for both figures. */
async function setHeat(page, f, domain) {
  if (domain) {
    for (const [id, v] of Object.entries(domain)) await page.fill(`#heat-${id}`, String(v));
  }
  await page.fill("#heat-f", f);
  await page.press("#heat-f", "Enter");
  const want = await page.evaluate(async ([f, domain]) => {
    const { core } = await import("/www/core.js");
    const d = ["xmin", "xmax", "ymin", "ymax"].map((k) => document.getElementById(`heat-${k}`).value).join(",");
    return [new (core().ScalarField)(f, ["x", "y"]).toString(), d];
  }, [f, domain]);
  await page.waitForFunction(([text, dom]) => {
    const d = document.querySelector("#surf-canvas").dataset;
    return d.func === text && d.domain === dom && d.refined === "true";
  }, want, { timeout: 15000 });
}

test("occlusion: a marker inside the dome is hidden, one in front of it shows (pixels)", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const r = await page.evaluate(async () => {
    const { core } = await import("/www/core.js");
    const { SurfaceView } = await import("/www/figure/surface.js");
    const holder = document.createElement("div");
    holder.style.width = "600px";
    document.querySelector("main").append(holder);
    const canvas = document.createElement("canvas");
    canvas.id = "occlusion-test";
    holder.append(canvas);
    const read = (expr) => {
      const f = new (core().ScalarField)(expr, ["x", "y"]);
      const v = new SurfaceView(canvas, () => f);
      v.setDomain(-3, 3, -3, 3);
      v.overlays.push((s) => {
        s.addPoint(0, 0, 2, 0x00ff00ff, 6); // inside the dome 9 − x² − y²
        s.addPoint(2, -2, 8, 0xff0000ff, 6); // high above its front corner
      });
      v.drawNow();
      const ctx = canvas.getContext("2d");
      const at = (x, y, z) => {
        const p = v.s3.screenOf(x, y, z);
        return Array.from(ctx.getImageData(Math.floor(p[0]), Math.floor(p[1]), 1, 1).data);
      };
      return { hidden: at(0, 0, 2), front: at(2, -2, 8) };
    };
    const dome = read("9 - x^2 - y^2");
    // The same markers over the bowl x² + y² − 9 (the same z range, but low
    // where the dome was high): nothing is in front of either, both show.
    const floor = read("x^2 + y^2 - 9");
    holder.remove();
    return { dome, floor };
  });
  assert.deepEqual(r.dome.front, [255, 0, 0, 255], "the marker in front is drawn");
  assert.notDeepEqual(r.dome.hidden.slice(0, 3), [0, 255, 0], "the marker inside the dome shows through it");
  assert.deepEqual(r.floor.hidden, [0, 255, 0, 255], "with nothing in front, the same marker shows");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the slide: its point is drawn on the surface, where the view says it is", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await page.locator("#slide-canvas").scrollIntoViewIfNeeded();
  await refined(page, "slide-canvas");
  const r = await page.$eval("#slide-canvas", (c) => {
    const [x, y] = c.dataset.pointPx.split(",").map(Number);
    return Array.from(c.getContext("2d").getImageData(x, y, 1, 1).data);
  });
  // The point's centre is the highlight red (214, 39, 40).
  assert.ok(Math.abs(r[0] - 214) < 8 && r[1] < 60 && r[2] < 60, `${r}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("tick numbers and titles on all three axes, drawn inside the canvas", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await page.locator("#surf-canvas").scrollIntoViewIfNeeded();
  await refined(page, "surf-canvas");
  const r = await page.$eval("#surf-canvas", (c) => {
    const boxes = JSON.parse(c.dataset.labelBoxes);
    const ctx = c.getContext("2d");
    const bg = Array.from(ctx.getImageData(2, 2, 1, 1).data);
    // Ink inside each text's box: pixels far from the background.
    const inked = boxes.map(([kind, l, t, r, b]) => {
      const w = Math.max(1, r - l), h = Math.max(1, b - t);
      const px = ctx.getImageData(l, t, w, h).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (Math.abs(px[i] - bg[0]) + Math.abs(px[i + 1] - bg[1]) + Math.abs(px[i + 2] - bg[2]) > 200) n++;
      }
      return { kind, n, inside: l >= 0 && t >= 0 && r <= c.width && b <= c.height };
    });
    return { labels: c.dataset.labels.split(",").map(Number), inked };
  });
  for (const kind of [0, 1, 2]) assert.ok(r.labels.filter((k) => k === kind).length >= 3, `axis ${kind}: ${r.labels}`);
  for (const kind of [3, 4, 5]) assert.ok(r.labels.includes(kind), `title ${kind}`);
  for (const b of r.inked) {
    assert.ok(b.n > 3, `label ${JSON.stringify(b)} has no ink`);
    assert.ok(b.inside, `label ${JSON.stringify(b)} is clipped`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("colour bar parity with the heatmap for 1/(x^2+y^2), and huge labels are whole", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await page.locator("#surf-canvas").scrollIntoViewIfNeeded();
  await setHeat(page, "1/(x^2+y^2)");
  const ranges = await page.evaluate(() => ["heat-canvas", "surf-canvas"].map((id) => {
    const d = document.getElementById(id).dataset;
    return [Number(d.vmin), Number(d.vmax)];
  }));
  assert.deepEqual(ranges[1], ranges[0], "the surface's colour scale is the heatmap's");
  // The pole's runaway values are clipped (issue 14), on both views alike.
  assert.ok(ranges[0][1] < 10, `the scale stops short of the pole: ${ranges[0]}`);
  assert.deepEqual(await page.evaluate(() => ["heat-canvas", "surf-canvas"].map((id) => document.getElementById(id).dataset.extend)), ["max", "max"]);
  // The top of the surface's bar is the top of viridis, as the heatmap's.
  const top = await page.$eval("#surf-canvas", (c) => Array.from(c.getContext("2d").getImageData(+c.dataset.barX, +c.dataset.barTop + 2, 1, 1).data));
  assert.ok(Math.abs(top[0] - 253) <= 6 && Math.abs(top[1] - 231) <= 6 && Math.abs(top[2] - 36) <= 6, `${top}`);
  // Values near 1e43: the bar's numbers keep every digit of the exponent.
  await setHeat(page, "1e43*(x + y)");
  const boxes = await page.$eval("#surf-canvas", (c) => ({ w: c.width, h: c.height, b: JSON.parse(c.dataset.labelBoxes).filter((b) => b[0] === "bar") }));
  assert.ok(boxes.b.length >= 3);
  for (const [, l, t, r, b] of boxes.b) assert.ok(l >= 0 && t >= 0 && r <= boxes.w && b <= boxes.h, `bar label clipped: ${[l, t, r, b]}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("one point in both views: clicking the heatmap moves it on the surface, dragging it on the surface moves it on the heatmap", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const surf = page.locator("#gi-surf");
  const both = page.locator("#gi-both");
  await both.scrollIntoViewIfNeeded();
  await refined(page, "gi-surf");
  // Click the 2D figure at data (3.5, 0.5), on the ridge nearest the viewer.
  const to = await both.evaluate((c, [x, y]) => {
    const d = c.dataset, r = c.getBoundingClientRect(), k = r.width / c.width;
    return [r.left + (+d.plotLeft + ((x - +d.xmin) / (+d.xmax - +d.xmin)) * +d.plotWidth) * k,
      r.top + (+d.plotTop + ((+d.ymax - y) / (+d.ymax - +d.ymin)) * +d.plotHeight) * k];
  }, [3.5, 0.5]);
  await page.mouse.click(to[0], to[1]);
  const p1 = (await surf.evaluate((c) => c.dataset.point)).split(",").map(Number);
  assert.ok(Math.abs(p1[0] - 3.5) < 0.05 && Math.abs(p1[1] - 0.5) < 0.05, `surface point ${p1}`);
  // The point is drawn where the surface view says it is.
  await surf.scrollIntoViewIfNeeded();
  const px = await surf.evaluate((c) => {
    const [x, y] = c.dataset.pointPx.split(",").map(Number);
    return Array.from(c.getContext("2d").getImageData(x, y, 1, 1).data);
  });
  assert.ok(px[0] > 180 && px[1] < 80, `no red point at the point's pixel: ${px}`);
  // Drag it on the surface: it moves, and the heatmap's point follows.
  const box = await surf.boundingBox();
  const [sx, sy] = (await surf.evaluate((c) => c.dataset.pointPx)).split(",").map(Number);
  const k = box.width / (await surf.evaluate((c) => c.width));
  await page.mouse.move(box.x + sx * k, box.y + sy * k);
  await page.mouse.down();
  await page.mouse.move(box.x + sx * k - 60, box.y + sy * k + 10, { steps: 6 });
  await page.mouse.up();
  const p2 = (await surf.evaluate((c) => c.dataset.point)).split(",").map(Number);
  const p2both = (await both.evaluate((c) => c.dataset.point)).split(",").map(Number);
  assert.ok(Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) > 0.2, `dragging did not move the point: ${p1} → ${p2}`);
  assert.deepEqual(p2both, p2);
  // The view did not turn while the point was dragged.
  assert.equal(await surf.evaluate((c) => c.dataset.azimuth), "-60");
  assert.deepEqual(problems, []);
  await context.close();
});

test("hover reads (x, y, f) on the surface itself; Home and the presets set the view", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url, { reducedMotion: "reduce" });
  const c = page.locator("#surf-canvas");
  await c.scrollIntoViewIfNeeded();
  await refined(page, "surf-canvas");
  const box = await c.boundingBox();
  const k = box.width / (await c.evaluate((c) => c.width));
  const [tx, ty] = await c.evaluate((c) => [+c.dataset.topX, +c.dataset.topY]);
  await page.mouse.move(box.x + tx * k + 2, box.y + ty * k + 6);
  await page.waitForFunction(() => document.querySelector("#surf-canvas").dataset.hover !== "");
  const [x, y, f] = (await c.evaluate((c) => c.dataset.hover)).split(",").map(Number);
  assert.ok(Math.abs(f - Math.sin(x * y)) < 1e-12, `${x} ${y} ${f}`);
  assert.ok(f > 0.5, `the read-out is the surface under the pointer (near its top), not the floor: f = ${f}`);
  assert.match(await page.textContent("#surf-readout"), /^On the surface: x = /);
  await page.click("#surf-view-top");
  assert.deepEqual(await c.evaluate((c) => [c.dataset.azimuth, c.dataset.elevation]), ["-90", "90"]);
  await c.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Home");
  assert.deepEqual(await c.evaluate((c) => [c.dataset.azimuth, c.dataset.elevation]), ["-60", "30"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("sin(x) on [0, 1000]: both figures say they cannot show it; sin(xy) on [0, 4] says nothing", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  assert.equal(await page.isVisible("#surf-canvas-notice"), false);
  assert.equal(await page.isVisible("#heat-canvas-notice"), false);
  await setHeat(page, "sin(x)", { xmax: 1000, ymax: 1000 });
  assert.equal(await page.isVisible("#heat-canvas-notice"), true);
  assert.equal(await page.isVisible("#surf-canvas-notice"), true);
  assert.match(await page.textContent("#surf-canvas-notice"), /varies faster/);
  await setHeat(page, "sin(x*y)", { xmax: 4, ymax: 4 });
  assert.equal(await page.isVisible("#surf-canvas-notice"), false);
  assert.equal(await page.isVisible("#heat-canvas-notice"), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("screenshots: four surfaces at 1280 and 375 px, light and dark", async () => {
  for (const [width, scheme] of [[1280, "light"], [1280, "dark"], [375, "light"], [375, "dark"]]) {
    const { page, context, problems } = await openPage(env.browser, env.srv.url, { width, colorScheme: scheme });
    await page.locator("#surf-canvas").scrollIntoViewIfNeeded();
    for (const [name, f, dom] of [
      ["sinxy", "sin(x*y)", { xmin: 0, xmax: 4, ymin: 0, ymax: 4 }],
      ["dome", "9 - x^2 - y^2", { xmin: -3, xmax: 3, ymin: -3, ymax: 3 }],
      ["saddle", "x^2 - y^2", { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }],
      ["gauss", "exp(-(x^2+y^2))", { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }],
    ]) {
      await setHeat(page, f, dom);
      saveShot(`surface3d-${name}-${width}-${scheme}.png`, await page.locator("#surf-canvas").screenshot());
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});
