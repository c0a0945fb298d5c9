// State in the link: a copied link rebuilds the same figure, hostile links
// change nothing but a notice, and ?embed=... shows one figure alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, saveShot, useBrowser } from "./helpers.js";

const env = useBrowser();

const plotPixels = (page, sel) => page.$eval(sel, (c) => {
  const d = c.dataset;
  const px = c.getContext("2d").getImageData(+d.plotLeft, +d.plotTop, +d.plotWidth, +d.plotHeight).data;
  let h = 0;
  for (let i = 0; i < px.length; i += 7) h = (h * 31 + px[i]) >>> 0;
  return `${d.plotWidth}x${d.plotHeight}:${h}`;
});

test("a copied link reproduces the same figure, pixel for pixel, in a new page", async () => {
  const a = await openPage(env.browser, env.srv.url);
  await a.page.fill("#heat-f", "x^2 - y + 0.5*x*y");
  await a.page.press("#heat-f", "Enter");
  await a.page.fill("#heat-xmax", "2.5");
  await a.page.fill("#heat-ymin", "-1");
  await a.page.fill("#eval3-f", "x + y % 2 + z");
  await a.page.press("#eval3-f", "Enter");
  const fig = a.page.locator("#heat-canvas").locator("xpath=ancestor::figure");
  await fig.getByRole("button", { name: "Copy link" }).click();
  const url = await fig.locator(".link-out").inputValue();
  assert.match(url, /heat\.f=/);
  const want = await plotPixels(a.page, "#heat-canvas");
  const b = await openPage(env.browser, url);
  assert.equal(await b.page.inputValue("#heat-f"), "x^2 - y + 0.5*x*y");
  assert.equal(await b.page.inputValue("#heat-xmax"), "2.5");
  // +, % and spaces survive the round trip exactly.
  assert.equal(await b.page.inputValue("#eval3-f"), "x + y % 2 + z");
  assert.equal(await plotPixels(b.page, "#heat-canvas"), want);
  assert.equal(await b.page.isVisible("#status"), false);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.context.close();
  await b.context.close();
});

test("the selected point, variable and slider come back from a link", async () => {
  const q = new URLSearchParams({ "gi.p": "2.5,1.25", "pd.var": "z", "pd.p": "1,0.5,2", "sa.phi": "45", "sa.g": "1, 2, 3" });
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?${q}`);
  assert.match(await page.textContent("#gi-readout"), /At \(2\.5, 1\.25\)/);
  assert.equal(await page.inputValue("#pd-var"), "z");
  assert.equal(await page.inputValue("#pd-p-y"), "0.5");
  assert.equal(await page.textContent("#sa-phi-out"), "45°");
  assert.match(await page.textContent("#sa-compare"), /3\.74166/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile or malformed links fall back to defaults with a notice", async () => {
  const q = new URLSearchParams({
    "heat.f": "<img src=x onerror=alert(1)>",
    "gi.f": "a".repeat(5000),
    "eval3.x": "NaN",
    "vec.f1": "x & y # π",
    "nope.f": "1",
    "gi.p": "</script><script>alert(1)</script>",
  });
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?${q}`);
  assert.equal(await page.inputValue("#heat-f"), "sin(x*y)");
  assert.equal(await page.inputValue("#gi-f"), "sin(x*y)");
  assert.equal(await page.inputValue("#vec-f1"), "x");
  assert.equal(await page.inputValue("#eval3-x"), "1");
  assert.equal(await page.textContent("#eval3-out"), "32.08553692318767");
  const notice = await page.textContent("#status");
  assert.match(notice, /heat\.f could not be used/);
  assert.match(notice, /too long/);
  assert.match(notice, /does not have/);
  assert.equal(await page.$$eval("img, script:not([src])", (e) => e.length), 0);
  // Figures drew normally.
  assert.ok(Number(await page.$eval("#heat-canvas", (c) => c.dataset.vmax)) > 0.99);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an enormous link is ignored whole", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?heat.f=${"x".repeat(12000)}`);
  assert.match(await page.textContent("#status"), /too long/);
  assert.equal(await page.inputValue("#heat-f"), "sin(x*y)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an embed link shows one figure alone, sized to its frame", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?embed=gi-both&gi.f=cos(x)*y`, { width: 900, height: 700 });
  const visible = await page.$$eval("canvas", (cs) => cs.filter((c) => c.offsetParent !== null).map((c) => c.id));
  assert.deepEqual(visible, ["gi-both"]);
  assert.equal(await page.isVisible("h1"), false);
  // No notice for a good link; a bad value in an embed link still gets one.
  assert.equal(await page.isVisible("#status"), false);
  const bad = await openPage(env.browser, `${env.srv.url}?embed=gi-both&gi.f=2x`);
  assert.equal(await bad.page.isVisible("#status"), true);
  assert.match(await bad.page.textContent("#status"), /gi\.f could not be used/);
  await bad.context.close();
  const r = await page.$eval("#gi-both", (c) => c.getBoundingClientRect().toJSON());
  assert.ok(r.width > 500 && r.bottom <= 700, `embedded figure is ${r.width}px wide, ends at ${r.bottom} in a 900x700 frame`);
  saveShot("embed-gi-both.png", await page.screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});
