// Phones: at 320–430 px every figure's plot takes most of the width, axes
// and colour bars carry at least three ticks, nothing scrolls sideways, a
// finger swiping over any figure scrolls the page, and on the 4.1 figure a
// tap places the point and a drag that starts on it moves it. Also: the
// first figure is marked, and data-ready still means every figure drew.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser } from "./helpers.js";

const env = useBrowser();

/** Visible figure canvases with their plot and the page's content width. */
const measure = (page) => page.evaluate(() => {
  const main = document.querySelector("main");
  const cs = getComputedStyle(main);
  const content = main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const dpr = devicePixelRatio;
  const figs = [...document.querySelectorAll("canvas")].filter((c) => c.offsetParent !== null).map((c) => ({
    id: c.id,
    plot: c.dataset.plotWidth ? +c.dataset.plotWidth / dpr : c.getBoundingClientRect().width,
    xticks: c.dataset.xticks === undefined ? null : +c.dataset.xticks,
    yticks: c.dataset.yticks === undefined ? null : +c.dataset.yticks,
    barTicks: c.dataset.barTicks === undefined ? null : +c.dataset.barTicks,
    drawn: c.width > 300 || c.height > 150,
  }));
  return { content, figs, scrollWidth: document.documentElement.scrollWidth, innerWidth };
});

for (const width of [320, 375, 430]) {
  test(`at ${width} px: plots use ≥ 80% of the content width, ≥ 3 ticks, no sideways scroll`, async () => {
    const { page, context, problems } = await openPage(env.browser, env.srv.url, { width, height: 800, dpr: 2, touch: true });
    // Show the path plot too.
    await page.selectOption("#gi-path", "descent");
    await page.waitForTimeout(300);
    const m = await measure(page);
    assert.ok(m.figs.length >= 11, `figures: ${m.figs.map((f) => f.id)}`);
    for (const f of m.figs) {
      assert.ok(f.drawn, `${f.id} was never drawn`);
      assert.ok(f.plot >= 0.8 * m.content, `${f.id}: plot ${f.plot.toFixed(0)} px of ${m.content.toFixed(0)} px content`);
      for (const k of ["xticks", "yticks", "barTicks"]) {
        if (f[k] !== null && f.id !== "sa-rot") assert.ok(f[k] >= 3, `${f.id}: ${k} = ${f[k]}`);
      }
    }
    assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window`);
    // Tables either fit or scroll inside a container a keyboard can reach.
    const tables = await page.$$eval(".table-wrap", (ws) => ws.map((w) => ({ scrolls: w.scrollWidth > w.clientWidth, tab: w.tabIndex })));
    for (const t of tables) if (t.scrolls) assert.equal(t.tab, 0);
    if (width === 375) for (const id of ["functions", "gradient-intuition"]) saveShot(`phone-${id}.png`, await page.locator(`#${id}`).screenshot());
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** A one-finger vertical swipe through the real input pipeline. */
async function swipe(page, x, y, dy) {
  const cdp = await page.context().newCDPSession(page);
  const pt = (yy) => [{ x, y: yy, id: 1 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: pt(y) });
  for (let k = 1; k <= 10; k++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: pt(y + (dy * k) / 10) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.waitForTimeout(250);
}

test("a one-finger swipe over every figure scrolls the page; a tap places the 4.1 point, a drag on it moves it", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url, { width: 375, height: 740, dpr: 2, touch: true });
  await page.selectOption("#gi-path", "descent");
  const ids = await page.$$eval("canvas", (cs) => cs.filter((c) => c.offsetParent !== null).map((c) => c.id));
  for (const id of ids) {
    await page.evaluate((id) => {
      const c = document.getElementById(id);
      window.scrollTo(0, c.getBoundingClientRect().top + scrollY - 120);
    }, id);
    await page.waitForTimeout(100);
    const box = await page.locator(`#${id}`).boundingBox();
    // Start away from the 4.1 point and the slice's dot: a quarter in from the right.
    const x = box.x + box.width * 0.75, y = box.y + Math.min(box.height * 0.8, 560);
    const before = await page.evaluate(() => scrollY);
    await swipe(page, x, y, -150);
    const after = await page.evaluate(() => scrollY);
    assert.ok(after - before > 60, `${id}: swiping up scrolled ${after - before} px`);
  }
  // Tap: the point jumps to where the finger lands.
  await page.evaluate(() => {
    const c = document.getElementById("gi-both");
    window.scrollTo(0, c.getBoundingClientRect().top + scrollY - 40);
  });
  await page.waitForTimeout(150);
  const readout = () => page.textContent("#gi-readout");
  const r0 = await readout();
  const toClient = (x, y) => page.$eval("#gi-both", (c, [x, y]) => {
    const d = c.dataset, r = c.getBoundingClientRect(), dpr = devicePixelRatio;
    const px = +d.plotLeft / dpr + ((x - +d.xmin) / (+d.xmax - +d.xmin)) * (+d.plotWidth / dpr);
    const py = +d.plotTop / dpr + ((+d.ymax - y) / (+d.ymax - +d.ymin)) * (+d.plotHeight / dpr);
    return [r.left + px, r.top + py];
  }, [x, y]);
  const [tx, ty] = await toClient(3, 3);
  await page.touchscreen.tap(tx, ty);
  await page.waitForTimeout(200);
  const r1 = await readout();
  assert.notEqual(r1, r0);
  assert.match(r1, /^At \(2\.9\d*|^At \(3(\.0\d*)?,/);
  // Drag from the point: the point follows, the page does not scroll.
  const y0 = await page.evaluate(() => scrollY);
  const cdp = await context.newCDPSession(page);
  const steps = 8;
  const [ex, ey] = await toClient(2, 1);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: tx, y: ty, id: 2 }] });
  for (let k = 1; k <= steps; k++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: tx + ((ex - tx) * k) / steps, y: ty + ((ey - ty) * k) / steps, id: 2 }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => scrollY), y0, "dragging the point scrolled the page");
  assert.match(await readout(), /^At \((1\.9\d*|2(\.0\d*)?), (0\.9\d*|1(\.0\d*)?)\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("first-figure is marked before data-ready, and data-ready means every figure has drawn", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url, { width: 1280, height: 900 });
  const t = await page.evaluate(() => ({
    first: performance.getEntriesByName("first-figure")[0]?.startTime,
    ready: +document.body.dataset.readyMs,
    undrawn: [...document.querySelectorAll("canvas")].filter((c) => !c.closest("[hidden]") && !c.dataset.drawMs && c.width === 300).map((c) => c.id),
  }));
  assert.ok(t.first > 0 && t.first <= t.ready, JSON.stringify(t));
  assert.deepEqual(t.undrawn, []);
  assert.deepEqual(problems, []);
  await context.close();
});
