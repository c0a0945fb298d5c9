// The link parameters: one row per setting a link can carry, and the one
// place that says what each means, its default and what it accepts.
// state.js reads it (defaults, checks) for links and for typing alike;
// scripts/params-table.mjs writes the README's table from it, and
// tests/params.test.js fails when the two are out of step.
//
// A check gets the value (text), `all` (every value of the same figure, as
// the page will have them) and `ctx` (`ctx.variables(text)`: the variables of
// a function, or null when it does not parse; `ctx.name(key)`: what to call a
// setting of the figure) and returns a reason when the
// page cannot use the value, or "" when it can. Expressions have no check
// here: the core parses them, and its message is the reason.
// Pure: no DOM, no wasm, so node scripts can read it too. At the end: how
// link text is read and written.

/** A number written as a number input accepts it (HTML's "valid floating-point number"), or NaN. */
export const num = (v) => {
  const t = String(v).trim();
  return /^-?(\d+|\d*\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
};

// Checks name what they check through `ctx.name(key)`: "heat.xmin" in a
// link's notice, the input's label ("x from") when a student types.
const nm = (ctx, key) => ctx?.name?.(key) ?? key;
const number = (key) => (v, all, ctx) => (Number.isFinite(num(v)) ? "" : `${nm(ctx, key)} must be a number`);
const between = (key, lo, hi) => (v, all, ctx) =>
  num(v) >= lo && num(v) <= hi ? "" : `${nm(ctx, key)} must be a number from ${lo} to ${hi}`;
/** `key` a number on the `side` ("less" or "greater") of `other`. */
const order = (key, side, other) => (v, all, ctx) => {
  const bad = number(key)(v, all, ctx);
  if (bad || !Number.isFinite(num(all[other]))) return bad;
  const ok = side === "less" ? num(v) < num(all[other]) : num(v) > num(all[other]);
  if (!ok) return `${nm(ctx, key)} must be ${side} than ${nm(ctx, other)}`;
  // A span past the largest double (−1e308 to 1e308) has no width to draw.
  return Number.isFinite(num(v) - num(all[other])) ? "" : `${nm(ctx, key)} is too far from ${nm(ctx, other)}: the range must be narrower than about 1.8e308`;
};
const oneOf = (key, values, words) => (v, all, ctx) => (values.includes(v) ? "" : `${nm(ctx, key)} must be ${words}`);
const list = (names) => names.join(", ");
/** "1,2,3", one number per variable of the figure's function `all.f` (or of `fixed`). */
const point = (key, fixed) => (v, all, ctx) => {
  const vars = fixed ?? ctx?.variables?.(all.f);
  const parts = String(v).split(",");
  const ok = parts.every((p) => Number.isFinite(num(p)));
  if (!vars) return ok ? "" : `${nm(ctx, key)} must be numbers separated by commas`;
  if (ok && parts.length === vars.length) return "";
  const n = vars.length;
  return `${nm(ctx, key)} needs ${n} number${n === 1 ? "" : "s"}, ${n === 1 ? "for" : "one per"} variable (${list(vars)}), separated by commas`;
};
/** A point "x,y" inside the figure's range (xmin…ymax of the same figure). */
const inside = (key) => (v, all, ctx) => {
  const bad = point(key, ["x", "y"])(v, all, ctx);
  if (bad) return bad;
  const [x, y] = String(v).split(",").map(num);
  const [x0, x1, y0, y1] = ["xmin", "xmax", "ymin", "ymax"].map((k) => num(all[k]));
  if (![x0, x1, y0, y1].every(Number.isFinite) || (x >= x0 && x <= x1 && y >= y0 && y <= y1)) return "";
  return `${nm(ctx, key)} must lie inside the range, x from ${x0} to ${x1} and y from ${y0} to ${y1}`;
};
const variable = (key) => (v, all, ctx) => {
  const vars = ctx?.variables?.(all.f);
  return !vars || vars.includes(v) ? "" : `${nm(ctx, key)} must be one of the function's variables (${list(vars)})`;
};
const MAX_STEPS = 10_000;
const domain = (fig) => [
  [fig, "xmin", "left end of the x range", "0", order("xmin", "less", "xmax"), "x from"],
  [fig, "xmax", "right end of the x range", "4", order("xmax", "greater", "xmin"), "x to"],
  [fig, "ymin", "bottom of the y range", "0", order("ymin", "less", "ymax"), "y from"],
  [fig, "ymax", "top of the y range", "4", order("ymax", "greater", "ymin"), "y to"],
];

// [figure, key, meaning, default, check, label of its input (for typing)]
const ROWS = [
  ["eval3", "f", "f(x, y, z) to evaluate (section 1)", "x^2 + y^2 + exp(z) + x^z + x*y*z"],
  ["eval3", "x", "x of the point", "1", number("x")],
  ["eval3", "y", "y of the point", "2", number("y")],
  ["eval3", "z", "z of the point", "3", number("z")],
  ["heat", "f", "f(x, y) of the heatmap and the 3D view", "sin(x*y)"],
  ...domain("heat"),
  ["heat", "az", "3D view: turn about the vertical axis (radians)", "-1.0472", number("az")],
  ["heat", "el", "3D view: height of the eye (radians)", "0.5236", between("el", 0, 1.5708)],
  ["heat", "levels", "level curves on the 3D surface's floor, on (1) or off (0)", "0", oneOf("levels", ["1", "0"], "1 (on) or 0 (off)")],
  ["vec", "f1", "first component of the vector field", "x"],
  ["vec", "f2", "second component", "np.sin(y)"],
  ["vec", "x", "x of the point", "2", number("x")],
  ["vec", "y", "y of the point", "10", number("y")],
  ["pd", "f", "f whose partial derivative is shown", "x^2 + y^2 + exp(x) + x^z + x*y*z"],
  ["pd", "var", "the variable to differentiate by", "x", variable("var")],
  ["pd", "p", "the point, one number per variable", "1,2,3", point("p")],
  ["slide", "x0", "x₀ of the slice (section 3's surface)", "1", between("x0", -2.5, 2.5)],
  ["slide", "y0", "y₀, where the plane cuts", "0.5", between("y0", -2.5, 2.5)],
  ["gr", "f", "f whose gradient is shown (section 4)", "x^2 + y^2 + exp(z) + x^z + x*y*z"],
  ["gr", "p", "the point, one number per variable", "1,2,3", point("p")],
  ["gi", "f", "f(x, y) of section 4.1's figures", "sin(x*y)"],
  ["gi", "p", "the selected point, inside the range", "1,0.5", inside("p")],
  ...domain("gi"),
  ["gi", "levels", "level curves on (1) or off (0)", "1", oneOf("levels", ["1", "0"], "1 (on) or 0 (off)")],
  ["gi", "tangent", "the tangent plane on the 4.1 surface, on (1) or off (0)", "0", oneOf("tangent", ["1", "0"], "1 (on) or 0 (off)")],
  ["gi", "path", "none, ascent or descent", "none", oneOf("path", ["none", "ascent", "descent"], "none, ascent or descent")],
  ["gi", "step", "step size of the path", "0.1", (v, all, ctx) => (num(v) > 0 ? "" : `${nm(ctx, "step")} must be a positive number, such as 0.1`), "The step size"],
  ["gi", "steps", "number of steps", "40",
    (v, all, ctx) => (Number.isInteger(num(v)) && num(v) >= 1 && num(v) <= MAX_STEPS ? "" : `${nm(ctx, "steps")} must be a whole number from 1 to ${MAX_STEPS}`),
    "The number of steps"],
  ["sa", "phi", "angle the axes are turned by (degrees)", "0", between("phi", 0, 360)],
  ["sa", "g", "a gradient's components, for the comparison", "5, 2, -1, 0"],
];

/** Every link parameter: `{ figure, key, name, meaning, default, check, label }`. */
export const PARAMS = ROWS.map(([figure, key, meaning, def, check, label]) => ({
  figure, key, name: `${figure}.${key}`, meaning, default: def, check: check ?? null, label: label ?? `${figure}.${key}`,
}));

/** The row for `figure.key`, if there is one. */
export const param = (figure, key) => PARAMS.find((p) => p.figure === figure && p.key === key);

/** The README's table (Markdown), written by scripts/params-table.mjs. */
export function markdownTable() {
  const cell = (s) => String(s).replace(/\|/g, "\\|");
  const rows = PARAMS.map((p) => `| \`${p.name}\` | ${cell(p.meaning)} | \`${cell(p.default)}\` |`);
  return ["| parameter | meaning | default |", "| --- | --- | --- |", ...rows].join("\n");
}

// ------------------------------------------------------- link text, both ways
// Read by hand, not by URLSearchParams, which reads '+' as a space.

/** Decodes %XX runs; a '+' stays a '+', and a stray '%' stays itself. */
function decode(s) {
  return s.replace(/(%[0-9a-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/**
 * The query string as [name, value] pairs, '+' kept literally. One
 * exception: a value with both '+' and '%2B' was form-encoded (as links made
 * by earlier versions were, spaces as '+'), so there '+' is a space.
 */
export function parseQuery(search) {
  const value = (raw) => decode(/%2b/i.test(raw) ? raw.replaceAll("+", " ") : raw);
  const out = [];
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    out.push(eq < 0 ? [decode(part), ""] : [decode(part.slice(0, eq)), value(part.slice(eq + 1))]);
  }
  return out;
}

/**
 * Percent-encodes a name or value for a link that survives e-mail and course
 * sites: everything but letters, digits, - _ . ~ and the comma. '+' becomes
 * %2B and a space %20, so nothing can read them as each other.
 */
export function encode(s) {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2C/g, ",");
}

