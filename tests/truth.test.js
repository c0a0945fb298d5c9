// Every sentence and figure stays true for the function, domain and point
// shown: small, zero and missing gradients, long and broken paths, bad step
// inputs, the 4.1 domain, one angle convention, the sweep's ticks, the
// d-dimensional comparison with a negative component, and section 2's
// outer arrows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser, checkHeatmapPixels } from "./helpers.js";

const env = useBrowser();

async function setF(page, id, text) {
  await page.fill(id, text);
  await page.press(id, "Enter");
  await page.waitForFunction((id) => document.querySelector(`${id}-err`).textContent === "", id);
}
const setNumber = async (page, id, v) => {
  await page.fill(id, String(v));
  await page.dispatchEvent(id, "input");
};
/** Pixels of a canvas's plot area that pass `test(r, g, b)`. */
const count = (page, id, test) => page.$eval(id, (c, src) => {
  const t = new Function("r", "g", "b", `return ${src};`); // test code only, never the page's
  const d = c.dataset;
  const img = c.getContext("2d").getImageData(+d.plotLeft, +d.plotTop, +d.plotWidth, +d.plotHeight).data;
  let n = 0;
  for (let k = 0; k < img.length; k += 4) if (t(img[k], img[k + 1], img[k + 2])) n++;
  return n;
}, test);

test("a small gradient still shows its arrow, and the readout says it is drawn longer than to scale", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await setF(page, "#gi-f", "0.001*x^2 + 2*y");
  // At (1, 0.5) the gradient (0.002, 2) is large; at a point where it is small...
  await setF(page, "#gi-f", "0.0001*(x^2 + y^2)");
  const px = +(await page.$eval("#gi-both", (c) => c.dataset.arrowPx));
  assert.ok(px >= 28, `arrow ${px} px`);
  assert.match(await page.textContent("#gi-readout"), /longer than to scale/);
  // Red pixels well away from the 5 px dot: the arrow is really drawn.
  const red = await count(page, "#gi-both", "r > 180 && g < 80 && b < 80");
  assert.ok(red > 60, `${red} red pixels`);
  saveShot("truth-small-gradient.png", await page.locator("#gi-both").screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("the level curve through the point is one dashed curve; angles read counter-clockwise from +x in 4.1 and 4.2", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await setF(page, "#gi-f", "x^2 + y^2");
  await page.focus("#gi-both");
  await page.keyboard.press("ArrowRight");
  // x² + y² = 1.3625 within [0, 4]²: a quarter circle, one curve.
  assert.equal(await page.$eval("#gi-both", (c) => c.dataset.throughCurves), "1");
  await page.keyboard.press("ArrowLeft");
  await setF(page, "#gi-f", "sin(x*y)");
  const r41 = await page.textContent("#gi-readout");
  const r42 = await page.textContent("#sa-readout");
  // ∇ sin(xy) at (1, 0.5) = (0.5 cos 0.5, cos 0.5): atan2(2, 1) = 63.43°.
  assert.match(r41, /63\.4° counter-clockwise from \+x \(up and right\)/);
  assert.match(r42, /63\.435?\d*° \(counter-clockwise from \+x\)/);
  assert.doesNotMatch(r41, /\b(NE|N|E)\)/);
  // The sweep's angle axis is labelled at right angles.
  assert.equal(await page.$eval("#sa-canvas", (c) => c.dataset.xticks), "5");
  assert.deepEqual(problems, []);
  await context.close();
});

test("paths: 5,000 steps run to the end, one step is singular, a long path is still drawn, bad step inputs are refused beside them", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  await setF(page, "#gi-f", "x^2 + y^2");
  await page.selectOption("#gi-path", "descent");
  await setNumber(page, "#gi-steps", 5000);
  const long = await page.textContent("#gi-path-readout");
  assert.match(long, /in 5,000 steps\.$/, `${long} / ${await page.textContent("#gi-readout")}`);
  assert.doesNotMatch(long, /stopped|infinity/);
  await setNumber(page, "#gi-steps", 1000);
  await page.waitForTimeout(100);
  const orange = await count(page, "#gi-path-plot", "r > 150 && g >= 55 && g < 180 && b < 80 && r - g > 60"); // the path colour, --path
  assert.ok(orange > 150, `f along the path: ${orange} orange pixels`);
  saveShot("truth-1000-steps.png", await page.locator("#gi-path-figure").screenshot());
  await setNumber(page, "#gi-steps", 1);
  assert.match(await page.textContent("#gi-path-readout"), /in 1 step\.$/);
  const good = await page.textContent("#gi-path-readout");
  for (const [id, v] of [["#gi-step", 0], ["#gi-step", -1], ["#gi-step", ""], ["#gi-steps", 0], ["#gi-steps", 2.5], ["#gi-steps", 20000]]) {
    await setNumber(page, id, v);
    const msg = await page.textContent("#gi-path-err");
    assert.ok(msg.length > 10, `no message for ${id} = ${v}`);
    assert.equal(await page.getAttribute(id, "aria-invalid"), "true");
    assert.equal(await page.textContent("#gi-path-readout"), good, `${id} = ${v} changed the readout`);
    await setNumber(page, "#gi-step", 0.1);
    await setNumber(page, "#gi-steps", 1);
    assert.equal(await page.textContent("#gi-path-err"), "");
  }
  // A path that walks into a point where f is undefined says where. Descent
  // on ln x from x = 1 with step 0.1 (x ← x − 0.1/x), counted here.
  await setF(page, "#gi-f", "ln(x)");
  await setNumber(page, "#gi-steps", 40);
  let x = 1, n = 0;
  while (x > 0 && n < 40) { x += -0.1 * (1 / x); if (x > 0) n++; }
  const undefinedText = await page.textContent("#gi-path-readout");
  const m = /stopped after (\d+) steps?: the next step would land at \(([−\d.e]+), 0\.5\), where f is undefined\.$/.exec(undefinedText);
  assert.ok(m, undefinedText);
  assert.equal(+m[1], n);
  assert.ok(Math.abs(+m[2].replace("−", "-") - x) < 1e-3 * Math.abs(x), `${m[2]} vs ${x}`);
  // x² − y² descent from (1, 0.5), step 0.01: y grows by 2% a step and runs
  // off; the readout says so rather than offering three possible reasons.
  await setF(page, "#gi-f", "x^2 - y^2");
  await setNumber(page, "#gi-step", 0.01);
  await setNumber(page, "#gi-steps", 5000);
  let y = 0.5, k = 0;
  while (Math.abs(y + -0.01 * (-2 * y)) <= 1e12) { y += -0.01 * (-2 * y); k++; }
  const far = await page.textContent("#gi-path-readout");
  assert.match(far, new RegExp(`stopped after ${k.toLocaleString("en")} steps: the next step would take it beyond ±10¹² .* runs off without end\\.$`), far);
  assert.deepEqual(problems, []);
  await context.close();
});

test("4.1 has a domain: inputs, link parameters, messages; the point stays in view", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.xmin=-3&gi.xmax=3&gi.ymin=-1&gi.ymax=1&gi.f=x^2-y^2`);
  for (const id of ["#gi-heat", "#gi-quiver", "#gi-both"]) {
    assert.deepEqual(await page.$eval(id, (c) => [c.dataset.xmin, c.dataset.xmax, c.dataset.ymin, c.dataset.ymax].map(Number)), [-3, 3, -1, 1]);
  }
  // Equal aspect: a 6 × 2 domain is drawn wider than tall.
  const [w, h] = await page.$eval("#gi-both", (c) => [+c.dataset.plotWidth, +c.dataset.plotHeight]);
  assert.ok(w > 2 * h, `plot ${w} × ${h}`);
  saveShot("truth-non-square.png", await page.locator("#gi-both").screenshot());
  await setNumber(page, "#gi-xmin", 5);
  assert.match(await page.textContent("#gi-domain-err"), /x from must be less than x to/);
  assert.equal(await page.$eval("#gi-both", (c) => c.dataset.xmin), "-3");
  await setNumber(page, "#gi-xmin", 2);
  assert.equal(await page.textContent("#gi-domain-err"), "");
  assert.match(await page.textContent("#gi-readout"), /^At \(2\.5, 0\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("where there is no gradient, 4.2 and the turned axes say so; the d-dimensional box steps against a negative component", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=sqrt(x^2%2By^2)&gi.p=0,0`);
  const sa = await page.textContent("#sa-readout");
  assert.doesNotMatch(sa, /same rate/);
  assert.match(sa, /no gradient|not differentiable|undefined/i);
  const rot = await page.textContent("#sa-rot-readout");
  assert.doesNotMatch(rot, /undefined here, undefined here|largest component \(in size\) is along/);
  assert.doesNotMatch(await page.textContent("#gi-readout"), /direction/);
  await page.fill("#sa-grad", "-5, 2");
  await page.dispatchEvent("#sa-grad", "input");
  const box = await page.textContent("#sa-compare");
  assert.match(box, /against axis 1/);
  assert.match(box, /by only 5:/);
  await page.fill("#sa-grad", "0, 3");
  await page.dispatchEvent("#sa-grad", "input");
  assert.match(await page.textContent("#sa-compare"), /along axis 2 .*the same amount 3: the gradient already points along that axis/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("section 2 draws its outer arrows whole; the quiz and the notation table say what is true", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const [xmin, xmax] = await page.$eval("#vec-canvas", (c) => [+c.dataset.xmin, +c.dataset.xmax]);
  assert.ok(xmin < -5.4 && xmax > 5.4);
  assert.match(await page.textContent("#functions .quiz .q .q-text"), /at which it is defined/);
  const deriv = await page.textContent("#gr-fn-deriv");
  assert.match(deriv, /held fixed; it equals ∂f\/∂x/);
  assert.match(await page.textContent("#partial-derivatives"), /the third term is ex here, not ez/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("where a derivative does not exist, sections 3, 4 and 4.1 say why; exp(1) prints as numpy prints it", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?pd.f=abs(x)%2By&pd.p=0,1&gr.f=abs(x)%2By&gr.p=0,1&gi.f=abs(x)%2By&gi.p=0,1`);
  assert.match(await page.textContent("#pd-value"), /^none at \(0, 1\): Not differentiable here: abs/);
  assert.match(await page.textContent("#gr-why"), /^Not differentiable here: abs/);
  assert.match(await page.textContent("#gi-readout"), /Not differentiable here: abs/);
  await setF(page, "#pd-f", "ln(x) + y");
  await page.fill("#pd-p-x", "-1");
  await page.dispatchEvent("#pd-p-x", "input");
  assert.match(await page.textContent("#pd-value"), /: F is undefined here|: f is undefined here/i);
  await setF(page, "#eval3-f", "exp(1) + 0*x");
  assert.equal(await page.textContent("#eval3-out"), "2.718281828459045");
  assert.deepEqual(problems, []);
  await context.close();
});

/** The share of f's values at the centres of an n × n grid of cells that lie above `t`, computed here. */
function shareAbove(fn, [xmin, xmax, ymin, ymax], t, n = 256) {
  let above = 0, all = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = fn(xmin + ((i + 0.5) / n) * (xmax - xmin), ymin + ((j + 0.5) / n) * (ymax - ymin));
      if (!Number.isFinite(v)) continue;
      all++;
      if (v > t) above++;
    }
  }
  return above / all;
}

/** RGB of one CSS pixel (x, y) of a canvas drawn at DPR 1. */
const pixel = (page, id, x, y) => page.$eval(id, (c, [x, y]) => Array.from(c.getContext("2d").getImageData(x, y, 1, 1).data.slice(0, 3)), [x, y]);
const near = (a, b, tol = 12) => a.every((v, k) => Math.abs(v - b[k]) <= tol);
const VIRIDIS_TOP = [253, 231, 37], VIRIDIS_BOTTOM = [68, 1, 84];

test("a pole clips the colour scale: the bar shows matplotlib's arrowheads, the note and description say where, the 3D view is cut", async () => {
  const pole = (x, y) => 1 / (x * x + y * y);
  const q = "?heat.f=1/(x^2%2By^2)&heat.xmin=-2&heat.xmax=2&heat.ymin=-2&heat.ymax=2&gi.f=1/(x^2%2By^2)";
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}${q}`);
  for (const id of ["#heat-canvas", "#surf-canvas", "#gi-heat", "#gi-both", "#gi-surf"]) {
    await page.waitForFunction((id) => document.querySelector(id).dataset.extend === "max", id);
  }
  // The colours stop where 5% of the area lies above (counted here), not at
  // the pole's 8,192, and the pixels are viridis of f clipped to that scale.
  const d1 = await page.$eval("#heat-canvas", (c) => ({ ...c.dataset }));
  const share = shareAbove(pole, [-2, 2, -2, 2], +d1.vmax);
  assert.ok(Math.abs(share - 0.05) < 0.003, `${share} of the area above ${d1.vmax}`);
  await checkHeatmapPixels(page, pole, { dpr: 1 });
  // The same scale on the 3D view, whose z axis stops at the cut.
  const s1 = await page.$eval("#surf-canvas", (c) => ({ ...c.dataset }));
  assert.equal(+s1.vmax, +d1.vmax);
  assert.ok(+s1.zmax <= +d1.vmax + 1e-9, `z axis to ${s1.zmax}`);
  // The arrowhead: top colour beyond the bar's top end, nothing at the bottom.
  const [bx, by, bw, bh] = d1.bar.split(",").map(Number);
  assert.ok(near(await pixel(page, "#heat-canvas", bx + bw / 2, by - 4), VIRIDIS_TOP), "an arrowhead above the bar");
  assert.ok(!near(await pixel(page, "#heat-canvas", bx + bw / 2, by + bh + 4), VIRIDIS_BOTTOM), "no arrowhead below it");
  assert.ok(near(await pixel(page, "#surf-canvas", +s1.barX, +s1.barTop - 4), VIRIDIS_TOP), "an arrowhead on the 3D view's bar");
  // Words, visible and for screen readers.
  assert.match(await page.textContent("#heat-canvas-clip"), /clipped above 3\.9\d? \(f shoots up near \(0, 0\)\)/);
  assert.match(await page.textContent("#surf-canvas-clip"), /surface is cut off there/);
  assert.match(await page.textContent("#gi-both-desc"), /clipped above 0\.98\d? \(f shoots up near \(0, 0\)\)/);
  // 4.1's level curves stay inside the clipped scale.
  const g = await page.$eval("#gi-both", (c) => ({ ...c.dataset }));
  const levels = g.levels.split(",").map(Number);
  assert.ok(levels.length >= 4 && levels.every((l) => l <= +g.vmax), g.levels);
  saveShot("truth-pole-4.1.png", await page.locator("#gi-both").screenshot());
  saveShot("truth-pole-3d.png", await page.locator("#surf-canvas").screenshot());
  // A smooth function keeps its whole range: no arrowheads, no note.
  await setF(page, "#heat-f", "exp(x*y)");
  await page.waitForFunction(() => document.querySelector("#heat-canvas").dataset.extend === "neither");
  assert.ok(await page.$eval("#heat-canvas-clip", (n) => n.hidden));
  assert.ok(!near(await pixel(page, "#heat-canvas", bx + bw / 2, by - 4), VIRIDIS_TOP));
  // Both ends: 1/x across its pole line.
  await setF(page, "#heat-f", "1/x");
  await page.waitForFunction(() => document.querySelector("#heat-canvas").dataset.extend === "both");
  const d2 = await page.$eval("#heat-canvas", (c) => ({ ...c.dataset }));
  assert.ok(Math.abs(+d2.vmax + +d2.vmin) < 1e-9, `${d2.vmin} ${d2.vmax}`);
  const [cx, cy, cw, ch] = d2.bar.split(",").map(Number);
  assert.ok(near(await pixel(page, "#heat-canvas", cx + cw / 2, cy + ch + 4), VIRIDIS_BOTTOM), "an arrowhead below the bar");
  assert.match(await page.textContent("#heat-canvas-clip"), /above [\d.]+ \(f shoots up along x = 0\) and below −\d.* \(f plunges along x = 0\).*arrowheads/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the level curve through a point on a grid vertex is still whole: one curve per branch, counted independently", async () => {
  // (1, 0.5) and (2, 2) are vertices of 4.1's 121 × 121 level grid on [0, 4]².
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=x^2%2By^2&gi.p=1,0.5`);
  const curves = () => page.$eval("#gi-both", (c) => +c.dataset.throughCurves);
  assert.equal(await curves(), 1, "x² + y² = 1.25: one quarter circle");
  await setF(page, "#gi-f", "sin(x*y)");
  // sin(xy) = sin(0.5) where xy = 0.5 + 2πk or π − 0.5 + 2πk: each c in
  // (0, 16) is one hyperbola branch across [0, 4]².
  const branches = [];
  for (let k = 0; k < 4; k++) branches.push(0.5 + 2 * Math.PI * k, Math.PI - 0.5 + 2 * Math.PI * k);
  assert.equal(await curves(), branches.filter((c) => c < 16).length);
  // A saddle-free curve through a vertex where two grid lines meet it.
  await setF(page, "#gi-f", "x + y");
  assert.equal(await curves(), 1);
  saveShot("truth-through-vertex.png", await page.locator("#gi-both").screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("section 3's slice: a pole clips the y axis and is not bridged by a line, a jump is not joined, a smooth slice is untouched", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?pd.f=1/(x-0.03)%2By&pd.p=1,2`);
  const data = () => page.$eval("#pd-canvas", (c) => ({ ...c.dataset }));
  let d = await data();
  assert.equal(d.extend, "both");
  // Without clipping the window would run from about −50 to 60 and the
  // tangent (slope −1.06) would look flat; now about −2 to 6.
  assert.ok(+d.ymax - +d.ymin < 12, `y from ${d.ymin} to ${d.ymax}`);
  // One pole, named once, at x ≈ 0.03 (between the samples either side).
  assert.match(await page.textContent("#pd-canvas-clip"), /^f runs off to \+∞ and −∞ on either side of x ≈ 0\.03, so the y axis stops at [\d.]+ at the top and −[\d.]+ at the bottom/);
  // Curve pixels (the accent blue) in a thin column at the pole, x = 0.03:
  // a line joining the two sides would cross the whole plot there.
  // Between y = lo and hi only (device pixels from the canvas's data).
  const bridged = (x, lo, hi) => page.$eval("#pd-canvas", (c, [x, lo, hi]) => {
    const d = c.dataset, k = c.width / c.getBoundingClientRect().width;
    const px = +d.plotLeft + ((x - +d.xmin) / (+d.xmax - +d.xmin)) * +d.plotWidth;
    const py = (y) => +d.plotTop + ((+d.ymax - y) / (+d.ymax - +d.ymin)) * +d.plotHeight;
    const top = Math.round(py(Math.min(hi, +d.ymax))), bottom = Math.round(py(Math.max(lo, +d.ymin)));
    const img = c.getContext("2d").getImageData(Math.round(px - 1.5 * k), top, Math.round(3 * k), bottom - top).data;
    let n = 0;
    for (let i = 0; i < img.length; i += 4) if (img[i + 2] > 140 && img[i] < 60) n++;
    return n;
  }, [x, lo, hi]);
  const atPole = await bridged(0.03, -1e9, 1e9);
  assert.ok(atPole < 4, `${atPole} curve pixels at the pole`);
  // floor(x) + y: six jumps in the window, none joined by a vertical line.
  await setF(page, "#pd-f", "floor(x) + y");
  d = await data();
  assert.equal(d.extend, "neither");
  assert.ok(await page.$eval("#pd-canvas-clip", (n) => n.hidden));
  // At x = 1, f jumps from 2 to 3: nothing drawn strictly between.
  const atJump = await bridged(1, 2.15, 2.85);
  assert.ok(atJump < 2, `${atJump} curve pixels across the jump`);
  // The default function keeps its plain window: no clipping, no note.
  await setF(page, "#pd-f", "x^2 + y^2 + exp(x) + x^z + x*y*z");
  assert.equal((await data()).extend, "neither");
  assert.deepEqual(problems, []);
  await context.close();
});

test("section 2's arrows keep equal aspect, so a radial field looks radial, at 1280 and 375 px", async () => {
  for (const width of [1280, 375]) {
    const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?vec.f1=x/(x^2%2By^2)&vec.f2=y/(x^2%2By^2)`, { width });
    const d = await page.$eval("#vec-canvas", (c) => ({ ...c.dataset }));
    const perX = +d.plotWidth / (+d.xmax - +d.xmin), perY = +d.plotHeight / (+d.ymax - +d.ymin);
    assert.ok(Math.abs(perX / perY - 1) < 0.02, `${width} px: ${perX.toFixed(2)} vs ${perY.toFixed(2)} pixels per unit`);
    if (width === 375) saveShot("truth-vec-radial-375.png", await page.locator("#vec-canvas").screenshot());
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("a constant function: one colour described as one, no arrow or level curve claimed, a path that says it did not move", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=3&gi.path=ascent`);
  const desc = await page.textContent("#gi-both-desc");
  assert.match(desc, /f is 3 everywhere shown: one colour throughout\./);
  assert.doesNotMatch(desc, /dark purple|red arrow|dashed curve|zero or undefined/);
  assert.match(desc, /the gradient is zero here/);
  assert.equal(await page.$eval("#gi-both", (c) => c.dataset.throughCurves), "0");
  assert.match(await page.textContent("#gi-path-readout"), /^Ascent with step 0\.1: f stays at 3\. It did not move: the gradient is exactly zero at the start/);
  // A descent that lands exactly on the bottom of x² + y² (step 0.5) stops there.
  await setF(page, "#gi-f", "x^2 + y^2");
  await page.selectOption("#gi-path", "descent");
  await setNumber(page, "#gi-step", 0.5);
  assert.match(await page.textContent("#gi-path-readout"), /f goes from 1\.25 to 0 in 1 step\. It stopped after 1 step at \(0, 0\), where the gradient is exactly zero/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a point next to a pole never hangs the 3D view: by link, by keys and by typing", { timeout: 120_000 }, async () => {
  // Each of these froze the tab for seconds or for good (a dashed drop line
  // billions of pixels long); now each draws at once.
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=tan(x*y)&gi.p=1,1.5707963267948966`);
  assert.ok(+(await page.$eval("#gi-surf", (c) => c.dataset.drawMs)) < 2000);
  await setF(page, "#gi-f", "1/x + y");
  await page.fill("#gi-xmin", "-1");
  await page.dispatchEvent("#gi-xmin", "input");
  await page.fill("#gi-ymin", "-1");
  await page.dispatchEvent("#gi-ymin", "input");
  await page.fill("#sa-x", "0.12");
  await page.dispatchEvent("#sa-x", "input");
  await page.focus("#gi-both");
  for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowLeft");
  await page.fill("#sa-x", "3e-5");
  await page.dispatchEvent("#sa-x", "input");
  // The page still answers, and the 3D view drew the last point quickly.
  const ms = await page.$eval("#gi-surf", (c) => +c.dataset.drawMs);
  assert.ok(ms < 2000, `${ms} ms`);
  // (numpy's layout for 3e-5, with a true minus sign.)
  assert.match(await page.textContent("#gi-readout"), /^At \(3e−05, /);
  assert.deepEqual(problems, []);
  await context.close();
});

test("sections 3 and 4 with a constant or at a pole: no stale results, no slope read off an infinity", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?pd.f=3&gr.f=3`);
  // "3" is f(x, y, z) = 3 at the same point: every partial is 0.
  assert.equal(await page.textContent("#pd-value"), "0 at (1, 2, 3)");
  assert.equal(await page.$eval("#pd-var", (s) => s.value), "x");
  assert.equal(await page.textContent("#gr-val-grad"), "[0, 0, 0]");
  assert.equal(await page.textContent("#gr-at"), "(1, 2, 3)");
  await page.fill("#pd-answer", "0");
  await page.click("#pd-answer-check");
  assert.match(await page.textContent("#pd-answer-feedback"), /^Right/i);
  // At a pole: no slope is printed, and the reason is given.
  await setF(page, "#pd-f", "1/x + y");
  await page.fill("#pd-p-x", "0");
  await page.dispatchEvent("#pd-p-x", "input");
  assert.match(await page.textContent("#pd-value"), /^none at \(0, 2\): f is \+∞ here in floating point: it has no finite value/);
  assert.match(await page.textContent("#pd-canvas-desc"), /there is no tangent: f is \+∞/);
  await setF(page, "#gr-f", "ln(x) + y");
  await page.fill("#gr-p-x", "0");
  await page.dispatchEvent("#gr-p-x", "input");
  assert.match(await page.textContent("#gr-why"), /^f is −∞ here in floating point/);
  // A one-variable f: the description has no empty "held fixed" clause.
  await setF(page, "#pd-f", "1/x");
  await page.fill("#pd-p-x", "1");
  await page.dispatchEvent("#pd-p-x", "input");
  assert.match(await page.textContent("#pd-canvas-desc"), /runs from −2 to 4\. The point is at x = 1/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("4.2 at a kink draws the one-sided rates it describes: |x| + y peaks at 45° and 135°, a cone rises at 1 every way", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=abs(x)%2By&gi.p=0,1&gi.xmin=-2&gi.ymin=-2`);
  const sa = await page.textContent("#sa-readout");
  assert.match(sa, /Not differentiable here: abs/);
  // |cos θ| + sin θ is largest, √2, at 45° and 135° (by hand).
  assert.match(sa, /The largest, 1\.41421, is at 45° and 135°\./);
  assert.doesNotMatch(sa, /what the formula would give/);
  // The curve is really drawn: the accent blue across the plot.
  const blue = await count(page, "#sa-canvas", "b > 140 && r < 60");
  assert.ok(blue > 300, `${blue} curve pixels`);
  // The cone at its tip.
  await setF(page, "#gi-f", "sqrt(x^2 + y^2)");
  await page.fill("#sa-x", "0");
  await page.dispatchEvent("#sa-x", "input");
  await page.fill("#sa-y", "0");
  await page.dispatchEvent("#sa-y", "input");
  assert.match(await page.textContent("#sa-readout"), /The rate is 1 in every direction\./);
  // A pole: no curve, and it says so.
  await setF(page, "#gi-f", "1/(x^2 + y^2)");
  assert.match(await page.textContent("#sa-readout"), /no finite value.*no curve to draw/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("notes that keep 4.1 honest: arrows too coarse for f, unequal axis scales, an ascent that went down; a domain too wide for doubles is refused", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=sin(30*x*y)`);
  for (const id of ["#gi-quiver-arrows", "#gi-both-arrows"]) assert.match(await page.textContent(id), /15 × 15 grid, too coarse/);
  await setF(page, "#gi-f", "sin(x*y)");
  assert.ok(await page.$eval("#gi-quiver-arrows", (n) => n.hidden));
  // [0, 1] × [0, 100] cannot be drawn to scale: the note says by how much,
  // computed here from the plot's own size.
  await page.fill("#gi-ymax", "100");
  await page.dispatchEvent("#gi-ymax", "input");
  await page.fill("#gi-xmax", "1");
  await page.dispatchEvent("#gi-xmax", "input");
  const d = await page.$eval("#gi-both", (c) => ({ ...c.dataset }));
  const stretch = (+d.plotWidth / 1) / (+d.plotHeight / 100);
  const note = await page.textContent("#gi-both-scale");
  assert.match(note, new RegExp(`a unit of x is drawn ${Number(stretch.toPrecision(3))} times as long as a unit of y`));
  // Ascent across the pole of 1/(x² + y²): f ends lower, and the readout says why.
  await page.fill("#gi-xmin", "-1"); await page.dispatchEvent("#gi-xmin", "input");
  await page.fill("#gi-ymin", "-1"); await page.dispatchEvent("#gi-ymin", "input");
  await page.fill("#gi-ymax", "1"); await page.dispatchEvent("#gi-ymax", "input");
  assert.ok(await page.$eval("#gi-both-scale", (n) => n.hidden), "square again");
  await setF(page, "#gi-f", "1/(x^2 + y^2)");
  await page.fill("#sa-x", "0.3"); await page.dispatchEvent("#sa-x", "input");
  await page.fill("#sa-y", "0.4"); await page.dispatchEvent("#sa-y", "input");
  await page.selectOption("#gi-path", "ascent");
  await setNumber(page, "#gi-step", 0.01);
  assert.match(await page.textContent("#gi-path-readout"), /f ended lower than it started: one step went down, because the step overshoots/);
  // −1e308 to 1e308 has no finite width: refused beside the inputs.
  await page.fill("#heat-xmin", "-1e308"); await page.dispatchEvent("#heat-xmin", "input");
  await page.fill("#heat-xmax", "1e308"); await page.dispatchEvent("#heat-xmax", "input");
  assert.match(await page.textContent("#heat-domain-err"), /too far from .*narrower than about 1\.8e308/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("numbers print in numpy's layout; a zero answer is not 'a constant factor 0'; a cube root of a negative number says why it is nan; a link's point outside 4.1's range is refused", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?eval3.f=x^(1/3)&eval3.x=-8&gr.f=exp(50*x)%2By&gr.p=0.75,0&gi.p=9,9`);
  assert.match(await page.textContent("#eval3-out"), /^undefined here: a negative number to a power that is not a whole number; numpy gives nan too, and cbrt\(x\) is the real cube root \(x = -8/);
  // exp(37.5) = 1.9321e16: numpy prints 1.9321...e+16, not 19321...
  assert.match(await page.textContent("#gr-val-grad"), /^\[9\.66\d*e\+17, 1\]$/);
  assert.match(await page.textContent(".link-notice"), /gi\.p \(9,9\) was not used: gi\.p must lie inside the range, x from 0 to 4 and y from 0 to 4/);
  assert.match(await page.textContent("#gi-readout"), /^At \(1, 0\.5\)/);
  await setF(page, "#gr-f", "sqrt(x^2 + y^2)");
  await page.fill("#gr-p-x", "0"); await page.dispatchEvent("#gr-p-x", "input");
  await page.fill("#gr-p-y", "0"); await page.dispatchEvent("#gr-p-y", "input");
  await page.fill("#gr-answer", "0, 0");
  await page.click("#gr-answer-check");
  assert.doesNotMatch(await page.textContent("#gr-answer-feedback"), /factor 0|factor -0/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("4.2's point inputs refuse what is not a number, beside them, and keep the last point", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const before = await page.textContent("#sa-readout");
  for (const v of ["", "1e400"]) {
    await page.fill("#sa-x", v);
    await page.dispatchEvent("#sa-x", "input");
    assert.match(await page.textContent("#sa-point-err"), /x must be a number/, `x = "${v}"`);
    assert.equal(await page.getAttribute("#sa-x", "aria-invalid"), "true");
    assert.equal(await page.textContent("#sa-readout"), before);
  }
  await page.fill("#sa-x", "2");
  await page.dispatchEvent("#sa-x", "input");
  assert.ok(await page.$eval("#sa-point-err", (n) => n.hidden));
  assert.notEqual(await page.textContent("#sa-readout"), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test("near a pole the arrows are capped (dashed) so the rest stay readable, and the notes and readout say so", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=1/(x^2%2By^2)&vec.f1=x/(x^2%2By^2)&vec.f2=y/(x^2%2By^2)`);
  for (const id of ["#gi-both-cap", "#gi-quiver-cap", "#vec-canvas-cap"]) {
    assert.match(await page.textContent(id), /^Dashed arrows are longer than drawn: near a pole the lengths are capped at [\d.]+/, id);
  }
  // The point's own arrow, |∇f| = 1.43 at (1, 0.5), is over the cap too.
  assert.match(await page.textContent("#gi-readout"), /drawn shorter than to scale, capped as the dashed arrows are/);
  // Smooth fields keep matplotlib's plain autoscale: no note.
  await setF(page, "#gi-f", "sin(x*y)");
  assert.ok(await page.$eval("#gi-both-cap", (n) => n.hidden));
  assert.doesNotMatch(await page.textContent("#gi-readout"), /shorter than to scale/);
  assert.deepEqual(problems, []);
  await context.close();
});
