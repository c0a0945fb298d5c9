// Every section of the page, driven as a student would: the seed's outputs
// appear, typing changes figures and numbers (checked against the module API
// in the same page), bad input shows a message and leaves the rest working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser } from "./helpers.js";

const env = useBrowser();

async function withPage(opts, fn) {
  const { page, context, problems } = await openPage(env.browser, env.srv.url, opts);
  await page.evaluate(async () => {
    window.__gradients = await import("/www/pkg/gradients.js");
  });
  try {
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** Types into an input and waits for the page's debounce to apply it. */
async function type(page, sel, text) {
  await page.fill(sel, text);
  await page.press(sel, "Enter");
}

test("section 2: the seed's vector output, 8 decimals and in full; quiver drawn", async () => {
  await withPage({}, async (page) => {
    assert.equal(await page.textContent("#vec-out"), "[2, \u22120.54402111]");
    assert.equal(await page.textContent("#vec-full"), "[2, -0.5440211108893698]");
    assert.equal(await page.$eval("#vec-canvas", (c) => c.dataset.arrows), "400");
  });
});

test("section 3: partial derivative formula, value and slice follow the inputs", async () => {
  await withPage({}, async (page) => {
    const mathml = await page.$eval("#pd-formula", (e) => e.querySelector("math")?.textContent ?? "");
    assert.ok(mathml.includes("z") && mathml.includes("y"), mathml);
    const read = () => page.textContent("#pd-value");
    const expected = (p) => page.evaluate((p) => {
      const m = window.__gradients;
      return new m.ScalarField("x^2 + y^2 + exp(x) + x^z + x*y*z").partial("x").eval(p);
    }, p);
    const v1 = await read();
    const e1 = await expected([1, 2, 3]);
    assert.ok(v1.startsWith(String(Number(e1.toPrecision(10)))), `${v1} vs ${e1}`);
    // ∂f/∂x depends on y: changing y changes the value at the same x.
    await page.fill("#pd-p-y", "5");
    await page.waitForFunction((old) => document.querySelector("#pd-value").textContent !== old, v1);
    const e2 = await expected([1, 5, 3]);
    assert.ok((await read()).startsWith(String(Number(e2.toPrecision(10)))));
    assert.match(await page.textContent("#pd-fixed"), /y = 5, z = 3 held fixed/);
    // Choosing another variable.
    await page.selectOption("#pd-var", "z");
    assert.match(await page.textContent("#pd-lhs"), /∂f\/∂z/);
    // Dragging on the slice moves the point along the chosen variable.
    await page.locator("#pd-canvas").scrollIntoViewIfNeeded();
    const box = await page.locator("#pd-canvas").boundingBox();
    const before = await page.inputValue("#pd-p-z");
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
    assert.notEqual(await page.inputValue("#pd-p-z"), before);
    // Holding a drag still does not make the point run away: the window
    // stays put under the pointer while the button is down.
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await page.mouse.down();
    const held = [];
    for (let i = 0; i < 5; i++) {
      await page.mouse.move(box.x + box.width * 0.7 + (i % 2), box.y + box.height / 2);
      held.push(Number(await page.inputValue("#pd-p-z")));
    }
    await page.mouse.up();
    assert.ok(Math.max(...held) - Math.min(...held) < 0.1, `point drifted while held: ${held}`);
  });
});

test("section 4: typed function fills the gradient column, table and difference check", async () => {
  await withPage({}, async (page) => {
    await type(page, "#gr-f", "x*y^2 + sin(z)");
    await page.waitForFunction(() => document.querySelectorAll("#gr-fd-body tr").length === 3 && document.querySelector("#gr-column math"));
    await page.fill("#gr-p-x", "0.5");
    const rows = await page.$$eval("#gr-fd-body tr", (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
    const g = await page.evaluate(() => Array.from(new window.__gradients.ScalarField("x*y^2 + sin(z)").gradient([0.5, 2, 3])));
    // By hand at (0.5, 2, 3): (y², 2xy, cos z) = (4, 2, cos 3).
    assert.deepEqual(g, [4, 2, Math.cos(3)]);
    rows.forEach((r, i) => {
      assert.equal(Number(r[1]), g[i]);
      const est = Number(r[2]);
      assert.ok(Math.abs(est - g[i]) < 1e-8 && est !== g[i] || est === g[i]);
    });
    assert.equal(await page.textContent("#gr-maps-grad"), "ℝ³ → ℝ³");
    assert.equal((await page.$$("#gr-column mtr")).length, 3);
  });
});

test("section 4.1: clicking the combined figure reads the gradient there", async () => {
  await withPage({}, async (page) => {
    await page.locator("#gi-both").scrollIntoViewIfNeeded();
    const box = await page.locator("#gi-both").boundingBox();
    const geo = await page.$eval("#gi-both", (c) => ({ ...c.dataset }));
    // Click at data point (2, 1).
    const css = (v, lo, hi, px, len) => px + ((v - lo) / (hi - lo)) * len;
    const plotLeft = geo.plotLeft / 1, plotTop = geo.plotTop / 1;
    const x = box.x + css(2, 0, 4, plotLeft, +geo.plotWidth);
    const y = box.y + plotTop + ((4 - 1) / 4) * +geo.plotHeight;
    await page.mouse.click(x, y);
    const text = await page.textContent("#gi-readout");
    const m = /At \(([-\d.]+), ([-\d.]+)\)/.exec(text);
    assert.ok(m, text);
    const [px, py] = [Number(m[1]), Number(m[2])];
    assert.ok(Math.abs(px - 2) < 0.02 && Math.abs(py - 1) < 0.02, text);
    assert.match(text, /\|∇f\| = /);
    assert.match(text, /direction [\d.]+°/);
    // Keyboard: arrow right moves the point.
    await page.focus("#gi-both");
    await page.keyboard.press("ArrowRight");
    const text2 = await page.textContent("#gi-readout");
    assert.notEqual(text2, text);
    // Quiver: 15 × 15 arrows (the one at the origin has zero length and is not drawn).
    assert.ok(+(await page.$eval("#gi-quiver", (c) => c.dataset.arrows)) >= 224);
  });
});

test("section 4.2: the directional-derivative maximum lies at the gradient's angle", async () => {
  await withPage({}, async (page) => {
    await page.fill("#sa-x", "1.5");
    await page.fill("#sa-y", "0.7");
    await page.waitForFunction(() => document.querySelector("#gi-readout").textContent.includes("1.5"));
    const d = await page.$eval("#sa-canvas", (c) => ({ a: +c.dataset.maxAngle, n: +c.dataset.gradNorm }));
    const g = await page.evaluate(() => Array.from(new window.__gradients.ScalarField("sin(x*y)", ["x", "y"]).gradient([1.5, 0.7])));
    const angle = (((Math.atan2(g[1], g[0]) * 180) / Math.PI) % 360 + 360) % 360;
    assert.ok(Math.abs(d.a - angle) < 1e-9, `${d.a} vs ${angle}`);
    assert.ok(Math.abs(d.n - Math.hypot(g[0], g[1])) < 1e-12);
    // And the sweep itself peaks there: sample the API around the angle.
    const sweep = await page.evaluate(() => Array.from(new window.__gradients.ScalarField("sin(x*y)", ["x", "y"]).directionalSweep([1.5, 0.7], 3600)));
    const k = sweep.indexOf(Math.max(...sweep));
    assert.ok(Math.abs(k / 10 - angle) <= 0.1, `${k / 10} vs ${angle}`);
    // The lost example: [5, 2, -1, 0].
    const cmp = await page.textContent("#sa-compare");
    assert.match(cmp, /5\.47723/);
    assert.match(cmp, /cos θ = 0\.912871/);
    // Turning the axes changes the components but not the gradient.
    const r0 = await page.textContent("#sa-rot-readout");
    await page.$eval("#sa-phi", (s) => { s.value = "60"; s.dispatchEvent(new Event("input")); });
    assert.notEqual(await page.textContent("#sa-rot-readout"), r0);
  });
});

test("a bad input in one section leaves the others working", async () => {
  await withPage({}, async (page) => {
    await type(page, "#gi-f", "sin(x");
    assert.match(await page.textContent("#gi-f-err"), /never closed/);
    // The last good figure stays: the readout still reports sin(xy)'s values.
    await page.fill("#sa-x", "2");
    await page.waitForFunction(() => document.querySelector("#gi-readout").textContent.includes("(2,"));
    // Other sections still respond.
    await type(page, "#eval3-f", "x + y + z");
    await page.waitForFunction(() => document.querySelector("#eval3-out").textContent === "6");
    await type(page, "#vec-f2", "y^");
    assert.match(await page.textContent("#vec-err"), /Component 2/);
    await type(page, "#vec-f2", "cos(y)");
    await page.waitForFunction(() => document.querySelector("#vec-out").textContent.includes("0.83907153"));
    assert.equal(await page.textContent("#vec-err"), "");
  });
});

for (const width of [1280, 375]) {
  test(`screenshots of every section at ${width} px`, async () => {
    await withPage({ width, height: 900 }, async (page) => {
      for (const id of ["functions", "vector-valued", "partial-derivatives", "gradients", "gradient-intuition", "steepest-ascent"]) {
        const shot = await page.locator(`#${id}`).screenshot();
        saveShot(`${id}-${width}.png`, shot);
      }
      // Nothing overflows the viewport sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    });
  });
}

test("figures work with a finger on a 375 px phone", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(env.srv.url);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
  const c = page.locator("#gi-both");
  await c.scrollIntoViewIfNeeded();
  const before = await page.textContent("#gi-readout");
  const box = await c.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.7, box.y + box.height * 0.3);
  await page.waitForFunction((b) => document.querySelector("#gi-readout").textContent !== b, before);
  // Figures fit the phone: no sideways scrolling.
  assert.ok(box.width <= 375);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375);
  assert.deepEqual(problems, []);
  await context.close();
});
