// The module API, exactly as the README documents it, exercised in Chromium.
// Expected numbers come from hand computation and identities, not from the core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage } from "./helpers.js";

let srv, browser, page, context, problems;
before(async () => {
  srv = await serve();
  browser = await launch();
  ({ page, context, problems } = await openPage(browser, srv.url));
  await page.evaluate(async () => {
    window.__gradients = await import("/www/pkg/gradients.js");
    await window.__gradients.default();
  });
});
after(async () => {
  await context?.close();
  await browser?.close();
  await srv?.close();
});

/** Runs `fn` in the page; it finds the module at window.__gradients. */
function inPage(fn) {
  return page.evaluate(fn);
}

test("the seed's values through ScalarField and VectorField", async () => {
  const r = await inPage(() => {
    const m = window.__gradients;
    const f = new m.ScalarField("x^2 + y^2 + exp(z) + x^z + x*y*z");
    const v = new m.VectorField(["x", "sin(y)"]);
    return { vars: f.variables(), val: f.eval([1, 2, 3]), vec: Array.from(v.eval([2, 10])), vvars: v.variables() };
  });
  assert.deepEqual(r.vars, ["x", "y", "z"]);
  assert.equal(r.val, 32.08553692318767);
  assert.deepEqual(r.vec, [2, -0.5440211108893698]);
  assert.deepEqual(r.vvars, ["x", "y"]);
});

test("gradient, partial, printing and directional derivative", async () => {
  const r = await inPage(() => {
    const m = window.__gradients;
    const f = new m.ScalarField("x^2 + y^2 + exp(z) + x^z + x*y*z");
    const g = f.gradient([1, 2, 3]);
    const px = f.partial("x");
    const back = new m.ScalarField(f.toString());
    return {
      isF64: g instanceof Float64Array,
      g: Array.from(g),
      pxText: px.toString(),
      pxVars: px.variables(),
      pxAt: px.eval([1.5, -2, 0.5]),
      backAt: back.eval([1.5, -2, 0.5]),
      fAt: f.eval([1.5, -2, 0.5]),
      mathml: f.toMathML(),
      dir: f.directional([1, 2, 3], [1, 1, 0]),
      norm: f.gradientNorm([1, 2, 3]),
      unit: Array.from(f.gradientDirection([1, 2, 3])),
      explicit: new m.ScalarField("x", ["x", "y"]).variables(),
    };
  });
  // By hand: ∂x = 2x + z·x^(z-1) + yz = 11, ∂y = 2y + xz = 7, ∂z = e^z + x^z ln x + xy = e³ + 2.
  assert.ok(r.isF64);
  assert.deepEqual(r.g, [11, 7, Math.exp(3) + 2]);
  assert.deepEqual(r.pxVars, ["x", "y", "z"]);
  // ∂f/∂x at (1.5, -2, 0.5) by hand: 3 + 0.5·1.5^(-0.5) + (-2)(0.5)
  assert.ok(Math.abs(r.pxAt - (3 + 0.5 * 1.5 ** -0.5 - 1)) < 1e-14, `${r.pxAt}`);
  assert.equal(r.backAt, r.fAt);
  assert.match(r.mathml, /^<math/);
  assert.ok(Math.abs(r.dir - 18 / Math.SQRT2) < 1e-13);
  const n = Math.hypot(11, 7, Math.exp(3) + 2);
  assert.ok(Math.abs(r.norm - n) < 1e-13);
  r.unit.forEach((u, i) => assert.ok(Math.abs(u - r.g[i] / n) < 1e-15));
  assert.deepEqual(r.explicit, ["x", "y"]);
});

test("grids agree with point evaluation (numpy meshgrid layout)", async () => {
  const r = await inPage(() => {
    const m = window.__gradients;
    const f = new m.ScalarField("sin(x*y)");
    const nx = 15, ny = 11;
    const vals = f.grid(0, 4, nx, -1, 3, ny);
    const grads = f.gradientGrid(0, 4, nx, -1, 3, ny);
    const xs = m.linspace(0, 4, nx), ys = m.linspace(-1, 3, ny);
    const bad = [];
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const p = [xs[i], ys[j]];
      // Grids use the fast block functions (within 2 ulp), points the standard ones.
      const close = (a, b) => Math.abs(a - b) <= 1e-14 * (1 + Math.abs(b));
      if (!close(vals[j * nx + i], f.eval(p))) bad.push(["val", i, j]);
      const g = f.gradient(p);
      if (!close(grads[2 * (j * nx + i)], g[0]) || !close(grads[2 * (j * nx + i) + 1], g[1])) bad.push(["grad", i, j]);
      // And against the seed's hand-written gradient (y cos xy, x cos xy).
      const c = Math.cos(p[0] * p[1]);
      if (Math.abs(g[0] - p[1] * c) > 1e-14 || Math.abs(g[1] - p[0] * c) > 1e-14) bad.push(["seed", i, j]);
    }
    return { bad, len: vals.length, glen: grads.length, row0: [xs[0], ys[0], xs[nx - 1], ys[ny - 1]] };
  });
  assert.deepEqual(r.bad, []);
  assert.equal(r.len, 15 * 11);
  assert.equal(r.glen, 2 * 15 * 11);
  assert.deepEqual(r.row0, [0, -1, 4, 3]);
});

test("Jacobian of a vector field", async () => {
  const r = await inPage(() => {
    const m = window.__gradients;
    const v = new m.VectorField(["x*y", "sin(y)", "x + z^2"]);
    return { j: Array.from(v.jacobian([2, 3, 5])), vars: v.variables() };
  });
  assert.deepEqual(r.vars, ["x", "y", "z"]);
  assert.deepEqual(r.j, [3, 2, 0, 0, Math.cos(3), 0, 1, 0, 10]);
});

test("errors are Errors that say what and where; undefined values are NaN", async () => {
  const r = await inPage(() => {
    const m = window.__gradients;
    const catchIt = (fn) => {
      try {
        fn();
        return null;
      } catch (e) {
        return { isError: e instanceof Error, message: e.message, start: e.start, end: e.end };
      }
    };
    const f = new m.ScalarField("x*y*z");
    return {
      parse: catchIt(() => new m.ScalarField("x^2 + 2y")),
      arity: catchIt(() => f.eval([1, 2])),
      name: catchIt(() => f.partial("q")),
      grid: catchIt(() => f.grid(0, 1, 5, 0, 1, 5)),
      huge: catchIt(() => new m.ScalarField("x*y").grid(0, 1, 100000, 0, 1, 100000)),
      lnNeg: new m.ScalarField("ln(x)").eval([-1]),
      zeroOverZero: new m.ScalarField("x/y").eval([0, 0]),
      stillWorks: new m.ScalarField("x+1").eval([1]),
    };
  });
  assert.ok(r.parse.isError);
  assert.match(r.parse.message, /2\*y/);
  assert.equal(r.parse.start, 6); // "2y" is underlined: characters 6 and 7
  assert.equal(r.parse.end, 8);
  assert.match(r.arity.message, /3 coordinates/);
  assert.match(r.name.message, /not a variable/);
  assert.match(r.grid.message, /exactly two variables/);
  assert.match(r.huge.message, /too large/);
  assert.ok(Number.isNaN(r.lnNeg));
  assert.ok(Number.isNaN(r.zeroOverZero));
  assert.equal(r.stillWorks, 2);
  assert.deepEqual(problems, []);
});
