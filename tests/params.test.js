// The link parameter table (www/params.js) is the one source: the README's
// table is generated from it, and links are read and written by state.js
// without URLSearchParams, so that '+' is a plus. No browser needed here.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./helpers.js";
import { PARAMS } from "../www/params.js";
import { withTable } from "../scripts/params-table.mjs";
import { encode, parseQuery } from "../www/params.js";

test("the README's parameter table is generated from www/params.js and in step", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  assert.equal(readme, withTable(readme), "run: node scripts/params-table.mjs");
  for (const p of PARAMS) assert.ok(readme.includes(`| \`${p.name}\` |`), `${p.name} is in the README`);
});

test("the table names each parameter once, with a default its own check accepts", () => {
  const names = PARAMS.map((p) => p.name);
  assert.equal(new Set(names).size, names.length);
  for (const p of PARAMS) {
    const all = Object.fromEntries(PARAMS.filter((q) => q.figure === p.figure).map((q) => [q.key, q.default]));
    const ctx = { variables: () => ["x", "y", "z"], name: (k) => `${p.figure}.${k}` };
    assert.equal(p.check?.(p.default, all, ctx) ?? "", "", `${p.name}'s default passes its check`);
  }
});

test("checks say what is wrong, naming the parameter", () => {
  const check = (name, v, all = {}, vars = ["x", "y", "z"]) => {
    const p = PARAMS.find((q) => q.name === name);
    return p.check(v, all, { variables: () => vars, name: (k) => `${p.figure}.${k}` });
  };
  assert.equal(check("heat.xmin", "5", { xmax: "4" }), "heat.xmin must be less than heat.xmax");
  assert.equal(check("heat.xmax", "-1", { xmin: "0" }), "heat.xmax must be greater than heat.xmin");
  assert.equal(check("gi.step", "-0.1"), "gi.step must be a positive number, such as 0.1");
  assert.equal(check("gi.steps", "20000"), "gi.steps must be a whole number from 1 to 10000");
  // Typing names a setting by its input's label.
  assert.equal(PARAMS.find((q) => q.name === "gi.xmin").check("5", { xmax: "4" }, { name: (k) => PARAMS.find((q) => q.name === `gi.${k}`).label }), "x from must be less than x to");
  assert.equal(check("pd.p", "1,2"), "pd.p needs 3 numbers, one per variable (x, y, z), separated by commas");
  assert.equal(check("gr.p", "1", {}, ["t"]), "");
  assert.equal(check("gi.p", "1,2,3"), "gi.p needs 2 numbers, one per variable (x, y), separated by commas");
  assert.equal(check("eval3.x", "NaN"), "eval3.x must be a number");
  assert.equal(check("eval3.x", "1e-3"), "");
  assert.equal(check("gi.path", "sideways"), "gi.path must be none, ascent or descent");
  assert.equal(check("pd.var", "w"), "pd.var must be one of the function's variables (x, y, z)");
  assert.equal(check("slide.x0", "9"), "slide.x0 must be a number from -2.5 to 2.5");
});

test("links keep '+' as a plus, encoded or not, and encode what mailers break", () => {
  assert.deepEqual(parseQuery("?gi.f=x^2+y^2"), [["gi.f", "x^2+y^2"]]);
  assert.deepEqual(parseQuery("?gi.f=x%5E2%2By%5E2&gi.p=1,0.5"), [["gi.f", "x^2+y^2"], ["gi.p", "1,0.5"]]);
  assert.deepEqual(parseQuery("?eval3.f=x%202"), [["eval3.f", "x 2"]]);
  // Links made by earlier versions (URLSearchParams: space as '+', plus as %2B).
  assert.deepEqual(parseQuery("?heat.f=x%5E2+-+y+%2B+0.5*x*y"), [["heat.f", "x^2 - y + 0.5*x*y"]]);
  // A stray '%' (typed by hand) stays itself.
  assert.deepEqual(parseQuery("?eval3.f=x%2+y&a=%zz"), [["eval3.f", "x%2+y"], ["a", "%zz"]]);
  for (const s of ["x^2 + y^2", "(x+y)*(x-y)/2", "x % 2 + y", "1, 2, 3", "np.sin(x)**2", "a&b=c#d?e", "∂ é 😀", "'!~._-"]) {
    const e = encode(s);
    assert.match(e, /^[A-Za-z0-9%._~,-]*$/, `${s} → ${e}`);
    assert.deepEqual(parseQuery(`?k=${e}`), [["k", s]]);
  }
  assert.equal(encode("x^2 + y"), "x%5E2%20%2B%20y");
});
