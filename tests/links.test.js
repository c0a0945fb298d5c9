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

/** The link notices on the page: parameter, text, and whether it sits in the panel of `inputs[param]`. */
const notices = (page, inputs) => page.$$eval(".link-notice p", (ps, inputs) => ps.map((p) => ({
  param: p.dataset.param,
  text: p.textContent,
  visible: p.offsetParent !== null,
  beside: !!inputs[p.dataset.param] && !!p.closest(".panel")?.contains(document.getElementById(inputs[p.dataset.param])),
  inHeader: !!p.closest("header"),
})), inputs);

test("hostile or malformed links fall back to defaults with a notice beside the figure", async () => {
  const q = Object.entries({
    "heat.f": "<img src=x onerror=alert(1)>",
    "gi.f": "a".repeat(5000),
    "eval3.x": "NaN",
    "vec.f1": "x & y # π",
    "nope.f": "1",
    "gi.p": "</script><script>alert(1)</script>",
  }).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?${q}`);
  assert.equal(await page.inputValue("#heat-f"), "sin(x*y)");
  assert.equal(await page.inputValue("#gi-f"), "sin(x*y)");
  assert.equal(await page.inputValue("#vec-f1"), "x");
  assert.equal(await page.inputValue("#eval3-x"), "1");
  assert.equal(await page.textContent("#eval3-out"), "32.08553692318767");
  const seen = await notices(page, { "heat.f": "heat-f", "gi.f": "gi-f", "eval3.x": "eval3-x", "vec.f1": "vec-f1", "gi.p": "gi-f" });
  assert.deepEqual(seen.map((n) => n.param).sort(), ["eval3.x", "gi.f", "gi.p", "heat.f", "vec.f1"]);
  for (const n of seen) assert.ok(n.visible && n.beside && !n.inHeader, JSON.stringify(n));
  const text = Object.fromEntries(seen.map((n) => [n.param, n.text]));
  assert.match(text["gi.f"], /5000 characters long/);
  assert.match(text["eval3.x"], /eval3\.x must be a number/);
  assert.match(text["gi.p"], /gi\.p needs 2 numbers/);
  assert.match(text["heat.f"], /^The link's heat\.f \(<img src=x onerror=alert\(1\)>\) was not used: '<' is not part of an expression\..*\. Showing the default, sin\(x\*y\)\.$/);
  // Only the name the page does not have is a page-wide notice.
  assert.match(await page.textContent("#status"), /does not have \(nope\.f\); it was ignored/);
  assert.equal(await page.$$eval("img, script:not([src])", (e) => e.length), 0);
  // Figures drew normally.
  assert.ok(Number(await page.$eval("#heat-canvas", (c) => c.dataset.vmax)) > 0.99);
  assert.deepEqual(problems, []);
  await context.close();
});

test("each kind of value a page cannot use is named with its reason; only that value falls back", async () => {
  const inputs = {
    "heat.xmin": "heat-xmin", "gi.step": "gi-step", "gi.path": "gi-path", "pd.p": "pd-f", "pd.var": "pd-var",
    "eval3.y": "eval3-y", "slide.x0": "slide-x", "vec.f2": "vec-f2", "sa.phi": "sa-phi", "gi.steps": "gi-steps",
  };
  const link = "?heat.xmin=5&heat.ymax=2&gi.step=-0.5&gi.path=sideways&gi.steps=2.5&pd.p=1,2&pd.var=w&eval3.y=abc" +
    "&slide.x0=9&vec.f2=2y&sa.phi=400&HEAT.F=x#functions";
  const { page, context, problems } = await openPage(env.browser, env.srv.url + link);
  const seen = await notices(page, inputs);
  assert.deepEqual(seen.map((n) => n.param).sort(), Object.keys(inputs).sort());
  for (const n of seen) assert.ok(n.visible && n.beside && !n.inHeader, JSON.stringify(n));
  const text = Object.fromEntries(seen.map((n) => [n.param, n.text]));
  assert.match(text["heat.xmin"], /^The link's heat\.xmin \(5\) was not used: heat\.xmin must be less than heat\.xmax\. Showing the default, 0\.$/);
  assert.match(text["gi.step"], /gi\.step must be a positive number, such as 0\.1/);
  assert.match(text["gi.steps"], /gi\.steps must be a whole number from 1 to 10000/);
  assert.match(text["gi.path"], /gi\.path must be none, ascent or descent/);
  assert.match(text["pd.p"], /pd\.p needs 3 numbers, one per variable \(x, y, z\)/);
  assert.match(text["pd.var"], /pd\.var must be one of the function's variables \(x, y, z\)/);
  assert.match(text["eval3.y"], /eval3\.y must be a number/);
  assert.match(text["slide.x0"], /slide\.x0 must be a number from -2\.5 to 2\.5/);
  assert.match(text["vec.f2"], /2\*y/, "the core's own message for an expression");
  assert.match(text["sa.phi"], /sa\.phi must be a number from 0 to 360/);
  assert.match(await page.textContent("#status"), /did you mean heat\.f\?/);
  // The default for that value only: heat.ymax=2 still applies.
  assert.equal(await page.inputValue("#heat-xmin"), "0");
  assert.equal(await page.inputValue("#heat-ymax"), "2");
  assert.equal(await page.inputValue("#gi-step"), "0.1");
  assert.equal(await page.inputValue("#pd-p-z"), "3");
  // The figures still show.
  assert.equal(await page.$eval("#heat-canvas", (c) => c.dataset.ymax ?? "2"), "2");
  assert.ok(Number(await page.$eval("#heat-canvas", (c) => c.dataset.vmax)) > 0.99);
  assert.match(await page.textContent("#pd-value"), /at \(1, 2, 3\)/);
  saveShot("link-notices.png", await page.locator("#heat").screenshot());
  // A notice goes once the reader changes that value.
  await page.fill("#gi-step", "0.2");
  assert.equal(await page.$$eval('.link-notice p[data-param="gi.step"]', (n) => n.length), 0);
  assert.equal(await page.$$eval('.link-notice p[data-param="gi.path"]', (n) => n.length), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a '+' in a link is a plus, typed or encoded; earlier links' '+' for spaces still read", async () => {
  for (const [link, want] of [
    ["?gi.f=x^2+y^2#gradient-intuition", "x^2+y^2"],
    ["?gi.f=x%5E2%2By%5E2#gradient-intuition", "x^2+y^2"],
    ["?gi.f=x^2%20+%20y^2", "x^2 + y^2"],
    // As URLSearchParams wrote them: spaces as '+', pluses as %2B.
    ["?gi.f=x%5E2+%2B+y%5E2", "x^2 + y^2"],
    ["?gi.f=x+*+y", "x * y"],
  ]) {
    const { page, context, problems } = await openPage(env.browser, env.srv.url + link);
    assert.equal(await page.inputValue("#gi-f"), want, link);
    assert.equal(await page.$$eval(".link-notice", (n) => n.length), 0, link);
    assert.equal(await page.isVisible("#status"), false, link);
    // The figure draws the function with the plus: x^2 + y^2 nears 32 at (4, 4).
    if (want.includes("+")) assert.ok(Number(await page.$eval("#gi-heat", (c) => c.dataset.vmax)) > 31, link);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("copied links encode what mailers break and come back exactly", async () => {
  const a = await openPage(env.browser, env.srv.url);
  const b = await a.context.newPage();
  const fig = a.page.locator("#heat-canvas").locator("xpath=ancestor::figure");
  for (const f of ["x^2 + y^2 - z", "(x+y)*(x-y)/2 + z", "x % 2 + y*z", "max(x, y) - min(y,z)", "np.sin(x)**2 + 1e-3*z"]) {
    await a.page.fill("#eval3-f", f);
    await a.page.press("#eval3-f", "Enter");
    await a.page.fill("#sa-grad", "1, 2, 3");
    await fig.getByRole("button", { name: "Copy link" }).click();
    const url = await fig.locator(".link-out").inputValue();
    const query = new URL(url).search;
    assert.match(query, /^\?[A-Za-z0-9%._~,&=-]*$/, `only safe characters: ${query}`);
    assert.ok(!/[+ ^*()]/.test(query));
    await b.goto(url);
    await b.waitForSelector('body[data-ready="true"]', { state: "attached" });
    assert.equal(await b.inputValue("#eval3-f"), f);
    assert.equal(await b.inputValue("#sa-grad"), "1, 2, 3");
    assert.equal(await b.textContent("#eval3-out"), await a.page.textContent("#eval3-out"));
  }
  assert.deepEqual(a.problems, []);
  await a.context.close();
});

test("every setting the page registers is in the one table, with the table's default", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const reg = await page.evaluate(async () => (await import("./www/state.js")).registered());
  const { PARAMS } = await import("../www/params.js");
  const table = Object.fromEntries(PARAMS.map((p) => [p.name, p.default]));
  for (const r of reg) assert.equal(r.initial, table[r.name], `${r.name}: the page starts at ${r.initial}`);
  assert.deepEqual(reg.map((r) => r.name).sort(), PARAMS.map((p) => p.name).sort());
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
  assert.equal(await bad.page.isVisible('.link-notice p[data-param="gi.f"]'), true);
  assert.match(await bad.page.textContent(".link-notice"), /gi\.f \(2x\) was not used: .*2\*x/);
  await bad.context.close();
  const r = await page.$eval("#gi-both", (c) => c.getBoundingClientRect().toJSON());
  assert.ok(r.width > 500 && r.bottom <= 700, `embedded figure is ${r.width}px wide, ends at ${r.bottom} in a 900x700 frame`);
  saveShot("embed-gi-both.png", await page.screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing uses the link's checks; 4.1's domain comes from a link and from its inputs", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.xmin=-2&gi.xmax=2&gi.ymin=-1#gradient-intuition`);
  for (const id of ["gi-heat", "gi-quiver", "gi-both"]) {
    assert.deepEqual(await page.$eval(`#${id}`, (c) => [c.dataset.xmin, c.dataset.xmax, c.dataset.ymin, c.dataset.ymax]), ["-2", "2", "-1", "4"], id);
  }
  // The same reason a link would get, under the inputs; the figure keeps its last good range.
  await page.fill("#gi-xmin", "3");
  assert.equal(await page.textContent("#gi-domain-err"), "x from must be less than x to.");
  assert.equal(await page.getAttribute("#gi-xmin", "aria-invalid"), "true");
  assert.equal(await page.$eval("#gi-both", (c) => c.dataset.xmin), "-2");
  await page.fill("#gi-xmin", "1");
  assert.equal(await page.isVisible("#gi-domain-err"), false);
  assert.equal(await page.$eval("#gi-both", (c) => c.dataset.xmin), "1");
  await page.fill("#heat-ymax", "");
  assert.equal(await page.textContent("#heat-domain-err"), "y to must be a number.");
  await page.fill("#gi-steps", "0");
  assert.equal(await page.textContent("#gi-path-err"), "The number of steps must be a whole number from 1 to 10000.");
  await page.fill("#gi-steps", "12");
  assert.equal(await page.isVisible("#gi-path-err"), false);
  assert.deepEqual(problems, []);
  await context.close();
});
