// The page: loads the wasm core, builds each section's figures and wires
// their inputs. Maths happens in Rust; this file reads inputs, calls the core
// and draws. When everything has drawn once, <body data-ready="true">.

import { load, core, wasmMemory, onRestart } from "./core.js";
import { Figure, SurfaceView, heatmapLayer, quiverLayer, curveLayer, contourLayer, pathLayer, arrow, dot, cssVar } from "./plot.js";
import { exprInput, showError, readNumber, fmt, full, setMath, pointInputs, release, linkButtons } from "./ui.js";
import { register, inputField, restore, save, link, embedTarget } from "./state.js";

/** A field for an expression input: accepted when its message box is empty. */
const exprField = (key, el, box) => inputField(key, el, { ok: () => box.textContent === "" });
const numFields = (ids) => ids.map(([key, id]) => inputField(key, $(id)));

const $ = (id) => document.getElementById(id);
const XY = ["x", "y"];
const XYZ = ["x", "y", "z"];
const HIGHLIGHT = "#d62728";

/** Every figure, redrawn when the layout width changes. */
const figures = [];
function watchResize() {
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => figures.forEach((f) => f.draw()));
  }).observe(document.querySelector("main"));
}

/** A function's text for a figure title; empty if the core declines to print it. */
const titleOf = (f) => {
  try {
    return f.toString();
  } catch {
    return "";
  }
};

/** numpy's default print of a float array element: 8 decimals, zeros trimmed. */
const np8 = (v) => (Number.isFinite(v) ? String(Number(v.toFixed(8))) : full(v)).replace("-", "\u2212");

/** Compass bearing of a plane direction (degrees clockwise from +y, "north"). */
function bearing(dx, dy) {
  const deg = ((90 - (Math.atan2(dy, dx) * 180) / Math.PI) % 360 + 360) % 360;
  const names = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
  return `${deg.toFixed(1)}° (${names[Math.round(deg / 45) % 8]})`;
}

/** Moves a selected point with the arrow keys: 1/50 of the domain a press. */
function arrowKeys(fig, get, set) {
  fig.canvas.addEventListener("keydown", (e) => {
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const { xmin, xmax, ymin, ymax } = fig.domain;
    const [x, y] = get();
    const step = e.shiftKey ? 1 / 200 : 1 / 50;
    set(
      Math.min(xmax, Math.max(xmin, x + d[0] * step * (xmax - xmin))),
      Math.min(ymax, Math.max(ymin, y + d[1] * step * (ymax - ymin))),
    );
  });
}

/** Pointer (mouse, pen, finger) selection on a figure, with dragging. */
function pointerSelect(fig, set) {
  // Dragging needs the whole gesture; other figures let the page scroll.
  fig.canvas.style.touchAction = "none";
  let down = false;
  const at = (ev) => {
    const p = fig.eventToData(ev);
    if (p) set(p[0], p[1]);
  };
  fig.canvas.addEventListener("pointerdown", (ev) => {
    down = true;
    fig.dragging = true;
    at(ev);
    try {
      fig.canvas.setPointerCapture(ev.pointerId);
    } catch {
      // Synthetic events have no capturable pointer; dragging still works.
    }
  });
  fig.canvas.addEventListener("pointermove", (ev) => down && at(ev));
  const up = () => {
    down = false;
    fig.dragging = false;
  };
  fig.canvas.addEventListener("pointerup", up);
  fig.canvas.addEventListener("pointercancel", up);
}

// ---------------------------------------------------------------- section 1

function setupEvaluator() {
  const out = $("eval3-out");
  const pt = $("eval3-pt");
  const inputs = ["eval3-x", "eval3-y", "eval3-z"].map($);
  let f = null;
  const update = (good) => {
    if (good) f = good;
    const p = inputs.map(readNumber);
    if (!f || p.some((v) => v === null)) {
      out.textContent = "enter a number for each of x, y and z";
      return;
    }
    pt.textContent = p.map(full).join(", ");
    const v = f.eval(p);
    out.textContent = Number.isNaN(v) ? "undefined here (the function has no value at this point)" : full(v);
  };
  exprInput($("eval3-f"), $("eval3-f-err"), (t) => new (core().ScalarField)(t, XYZ), update);
  inputs.forEach((i) => i.addEventListener("input", () => update()));
  register("eval3", [exprField("f", $("eval3-f"), $("eval3-f-err")), ...numFields([["x", "eval3-x"], ["y", "eval3-y"], ["z", "eval3-z"]])]);
}

function setupHeatmap() {
  const fig = new Figure($("heat-canvas"), { title: "sin(x*y)", colorbar: "viridis" });
  const readout = $("heat-readout");
  const dom = ["heat-xmin", "heat-xmax", "heat-ymin", "heat-ymax"].map($);
  let current = null;
  fig.layers.push(heatmapLayer(() => current));
  fig.setDomain(0, 4, 0, 4);
  const surf = new SurfaceView($("surf-canvas"), () => current, { n: 40 });
  surf.onTurn = save;
  exprInput($("heat-f"), $("heat-f-err"), (t) => new (core().ScalarField)(t, XY), (f) => {
    current = f;
    fig.opts.title = titleOf(f);
    surf.opts.title = titleOf(f);
    fig.draw();
    surf.draw();
  });
  figures.push(surf);
  const readDomain = () => {
    const [a, b, c, d] = dom.map(readNumber);
    if ([a, b, c, d].some((v) => v === null) || !(a < b) || !(c < d)) {
      showError($("heat-domain-err"), null, { message: "Each range needs two numbers, the first smaller than the second." });
      return;
    }
    showError($("heat-domain-err"), null, null);
    fig.setDomain(a, b, c, d);
    surf.setDomain(a, b, c, d);
    fig.draw();
    surf.draw();
  };
  dom.forEach((i) => i.addEventListener("input", readDomain));
  const show = (ev) => {
    const p = fig.eventToData(ev);
    if (!p || !current) return;
    readout.textContent = `x = ${fmt(p[0], 4)}, y = ${fmt(p[1], 4)}, f(x, y) = ${fmt(current.eval(p), 6)}`;
  };
  fig.canvas.addEventListener("pointermove", show);
  fig.canvas.addEventListener("pointerdown", show);
  figures.push(fig);
  const angle = (key, prop) => ({
    key,
    get: () => String(Number(surf[prop].toFixed(3))),
    set: (v) => {
      surf[prop] = Number(v);
      surf.turn(0, 0);
    },
    ok: () => Number.isFinite(surf[prop]),
  });
  register("heat", [exprField("f", $("heat-f"), $("heat-f-err")),
    ...numFields([["xmin", "heat-xmin"], ["xmax", "heat-xmax"], ["ymin", "heat-ymin"], ["ymax", "heat-ymax"]]),
    angle("az", "azimuth"), angle("el", "elevation")]);
}

/** Section 3: the lost slide, live: 9 - x² - y² cut by the plane y = y0. */
function setupSlide() {
  const f = new (core().ScalarField)("9 - x^2 - y^2", XY);
  const view = new SurfaceView($("slide-canvas"), () => f, { title: "9 − x² − y² cut by the plane y = y₀", n: 32 });
  view.setDomain(-3, 3, -3, 3);
  view.azimuth = -0.5;
  view.elevation = 0.45;
  const sx = $("slide-x"), sy = $("slide-y");
  view.overlays.push((ctx, v) => {
    const x0 = Number(sx.value), y0 = Number(sy.value);
    const { lo, hi } = v.zrange;
    v.polygon(ctx, [-3, y0, lo, 3, y0, lo, 3, y0, hi, -3, y0, hi], "rgba(120, 160, 255, 0.28)");
    const g = v.getField();
    const xs = core().linspace(-3, 3, 121);
    const zs = g.slice([x0, y0], "x", -3, 3, 121);
    const curve = [];
    xs.forEach((x, k) => curve.push(x, y0, zs[k]));
    v.line(ctx, curve, "#fff", 4);
    v.line(ctx, curve, cssVar("--accent", "#0b5cad"), 2);
    const z0 = g.eval([x0, y0]);
    const slope = g.gradient([x0, y0])[0];
    const a = Math.max(-3, x0 - 1.5), b = Math.min(3, x0 + 1.5);
    v.line(ctx, [a, y0, z0 + slope * (a - x0), b, y0, z0 + slope * (b - x0)], HIGHLIGHT, 3);
    const s = core().projectPoints([x0, y0, z0], -3, 3, -3, 3, lo, hi, v.azimuth, v.elevation);
    const [px, py] = v.toPx(s[0], s[1]);
    ctx.beginPath();
    ctx.arc(px, py, 5, 0, 2 * Math.PI);
    ctx.fillStyle = HIGHLIGHT;
    ctx.fill();
    $("slide-readout").textContent = `At (x₀, y₀) = (${fmt(x0, 3)}, ${fmt(y0, 3)}): f = ${fmt(z0)}, and the slope of the cut in the x direction is ∂f/∂x = −2x₀ = ${fmt(slope)}.`;
  });
  const redraw = () => {
    $("slide-x-out").textContent = sx.value;
    $("slide-y-out").textContent = sy.value;
    view.draw();
  };
  sx.addEventListener("input", redraw);
  sy.addEventListener("input", redraw);
  figures.push(view);
  onRestart(() => {
    // The function belongs to the old instance; rebuild the view's function.
    const g = new (core().ScalarField)("9 - x^2 - y^2", XY);
    view.getField = () => g;
    view.draw();
  });
  register("slide", [inputField("x0", sx), inputField("y0", sy)]);
  redraw();
}

// ---------------------------------------------------------------- section 2

function setupVectorValued() {
  const comps = [$("vec-f1"), $("vec-f2")];
  const px = $("vec-x"), py = $("vec-y");
  const out = $("vec-out"), fullOut = $("vec-full");
  const fig = new Figure($("vec-canvas"), { title: "f(x, y) = [x, sin(y)]", square: false });
  fig.setDomain(-5, 5, -5, 5);
  let field = null;
  let quiver = null;
  fig.layers.push(quiverLayer(() => quiver));
  const update = () => {
    if (!field) return;
    const p = [readNumber(px), readNumber(py)];
    if (p.some((v) => v === null)) {
      out.textContent = "enter numbers for x and y";
      return;
    }
    const v = field.eval(p);
    $("vec-pt").textContent = p.map(full).join(", ");
    out.textContent = `[${Array.from(v, np8).join(", ")}]`;
    fullOut.textContent = `[${Array.from(v, full).join(", ")}]`;
  };
  const rebuild = () => {
    let next;
    try {
      next = new (core().VectorField)(comps.map((c) => c.value), XY);
    } catch (err) {
      const m = /^Component (\d):/.exec(err.message ?? "");
      const which = m ? Number(m[1]) - 1 : 0;
      showError($("vec-err"), comps[which], err);
      comps.forEach((c, i) => i !== which && c.removeAttribute("aria-invalid"));
      return;
    }
    showError($("vec-err"), comps[0], null);
    comps[1].removeAttribute("aria-invalid");
    release(field);
    field = next;
    const xs = core().linspace(-5, 5, 20), ys = core().linspace(-5, 5, 20);
    const uv = field.grid(-5, 5, 20, -5, 5, 20);
    quiver = { xs, ys, uv, scale: core().quiverScale(uv) };
    const texts = field.components();
    fig.opts.title = `f(x, y) = [${texts.join(", ")}]`;
    fig.draw();
    update();
  };
  let timer = 0;
  comps.forEach((c) => {
    c.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(rebuild, 120);
    });
    c.addEventListener("keydown", (e) => e.key === "Enter" && rebuild());
  });
  [px, py].forEach((i) => i.addEventListener("input", update));
  figures.push(fig);
  onRestart(() => {
    field = null;
    rebuild();
  });
  rebuild();
  const vecOk = () => $("vec-err").textContent === "";
  register("vec", [inputField("f1", comps[0], { ok: vecOk, apply: rebuild }), inputField("f2", comps[1], { ok: vecOk, apply: rebuild }),
    ...numFields([["x", "vec-x"], ["y", "vec-y"]])]);
}

// ---------------------------------------------------------------- section 3

function setupPartials() {
  const sel = $("pd-var");
  const formula = $("pd-formula"), value = $("pd-value"), fixedText = $("pd-fixed");
  const fig = new Figure($("pd-canvas"), { square: false, xlabel: "x", ylabel: "f" });
  let f = null;
  let slice = null;
  let tangent = null;
  let win = null;
  const point = pointInputs($("pd-point"), { x: 1, y: 2, z: 3 }, () => update(), "pd-p");
  fig.layers.push(curveLayer(() => slice));
  fig.layers.push(curveLayer(() => tangent, () => HIGHLIGHT, 1.5));
  fig.layers.push((ctx) => {
    if (slice?.here && Number.isFinite(slice.here[1])) dot(ctx, fig, slice.here[0], slice.here[1]);
  });
  const update = () => {
    if (!f) return;
    const vars = f.variables();
    const name = sel.value;
    const k = vars.indexOf(name);
    const p = point.point();
    if (k < 0 || !p) return;
    const part = f.partial(name);
    setMath(formula, () => part.toMathML());
    $("pd-lhs").textContent = `∂f/∂${name}`;
    const slope = part.eval(p);
    const fp = f.eval(p);
    value.textContent = `${fmt(slope, 10)} at (${p.map((v) => fmt(v, 6)).join(", ")})`;
    release(part);
    const others = vars.filter((v) => v !== name).map((v) => `${v} = ${fmt(p[vars.indexOf(v)], 6)}`);
    fixedText.textContent = others.length ? `${others.join(", ")} held fixed` : "";
    // The window follows the point, except while it is being dragged (a
    // window that moves under the finger would run away with it).
    if (!fig.dragging || !win || win.name !== name || p[k] < win.a || p[k] > win.b) win = { name, a: p[k] - 3, b: p[k] + 3 };
    const { a, b } = win;
    const xs = core().linspace(a, b, 301);
    const ys = f.slice(p, name, a, b, 301);
    slice = { xs, ys, here: [p[k], fp] };
    // The window shows the curve's finite values, padded a little.
    const fin = Array.from(ys).filter(Number.isFinite);
    let lo = Math.min(...fin, fp), hi = Math.max(...fin, fp);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) { lo = -1; hi = 1; }
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.08;
    fig.setDomain(a, b, lo - pad, hi + pad);
    tangent = Number.isFinite(slope) && Number.isFinite(fp)
      ? { xs: [a, b], ys: [fp + slope * (a - p[k]), fp + slope * (b - p[k])] } : null;
    fig.opts.xlabel = name;
    fig.opts.title = `slice along ${name}; tangent slope ∂f/∂${name} = ${fmt(slope, 6)}`;
    fig.canvas.setAttribute("aria-label", `f along ${name} with ${fixedText.textContent}; the tangent at ${name} = ${fmt(p[k], 4)} has slope ${fmt(slope, 6)}`);
    fig.draw();
  };
  exprInput($("pd-f"), $("pd-f-err"), (t) => new (core().ScalarField)(t), (g) => {
    f = g;
    const vars = g.variables();
    point.setVariables(vars);
    const keep = sel.value;
    sel.replaceChildren(...vars.map((v) => new Option(v, v)));
    sel.value = vars.includes(keep) ? keep : vars[0] ?? "";
    update();
  });
  sel.addEventListener("change", update);
  const move = (x) => {
    if (!f) return;
    point.set(sel.value, Number(x.toPrecision(6)));
    update();
  };
  pointerSelect(fig, (x) => move(x));
  arrowKeys(fig, () => [slice?.here[0] ?? 0, 0], (x) => move(x));
  figures.push(fig);
  register("pd", [
    exprField("f", $("pd-f"), $("pd-f-err")),
    inputField("var", sel, { ok: () => sel.value !== "" }),
    { key: "p", get: () => point.text(), set: (t) => point.setText(t), ok: () => point.point() !== null },
  ]);
}

// ---------------------------------------------------------------- section 4

function setupGradients() {
  let f = null;
  const point = pointInputs($("gr-point"), { x: 1, y: 2, z: 3 }, () => update(), "gr-p");
  const update = () => {
    if (!f) return;
    const p = point.point();
    if (!p) return;
    const vars = f.variables();
    const g = f.gradient(p);
    const h = 1e-5;
    const cd = f.centralDifference(p, h);
    const first = vars[0] ?? "x";
    const d = vars.length;
    $("gr-maps-partial").textContent = `ℝ${sup(d)} → ℝ`;
    $("gr-maps-grad").textContent = `ℝ${sup(d)} → ℝ${sup(d)}`;
    $("gr-op-partial").textContent = `∂/∂${first}`;
    $("gr-fn-deriv").textContent = `d f/d${first} with ${vars.slice(1).join(", ") || "nothing else"} fixed`;
    if (vars.length) {
      const part = f.partial(first);
      setMath($("gr-fn-partial"), () => part.toMathML());
      release(part);
    }
    $("gr-val-deriv").textContent = fmt(g[0], 8);
    $("gr-val-partial").textContent = fmt(g[0], 8);
    $("gr-val-grad").textContent = `[${Array.from(g, (v) => fmt(v, 8)).join(", ")}]`;
    const rows = vars.map((v, i) => {
      const tr = document.createElement("tr");
      const cells = [`∂f/∂${v}`, full(g[i]), full(cd[i]), fmt(Math.abs(cd[i] - g[i]), 3)];
      for (const c of cells) {
        const td = document.createElement("td");
        td.textContent = c;
        tr.append(td);
      }
      return tr;
    });
    $("gr-fd-body").replaceChildren(...rows);
    $("gr-at").textContent = `(${p.map((v) => fmt(v, 6)).join(", ")})`;
  };
  exprInput($("gr-f"), $("gr-f-err"), (t) => new (core().ScalarField)(t), (g) => {
    f = g;
    point.setVariables(g.variables());
    setMath($("gr-column"), () => g.gradientMathML());
    update();
  });
  register("gr", [
    exprField("f", $("gr-f"), $("gr-f-err")),
    { key: "p", get: () => point.text(), set: (t) => point.setText(t), ok: () => point.point() !== null },
  ]);
}

const SUPS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (n) => (n === 1 ? "" : String(n).split("").map((c) => SUPS[+c]).join(""));

// -------------------------------------------------------------- section 4.1

/** Shared by 4.1 and 4.2: one function of x and y and one selected point. */
const plane = { f: null, p: [1, 0.5], listeners: [] };
const notifyPlane = () => plane.listeners.forEach((fn) => fn());

function setupIntuition() {
  const heat = new Figure($("gi-heat"), { title: "sin(x*y)", colorbar: "viridis" });
  const quiv = new Figure($("gi-quiver"), { title: "∇ sin(x*y)" });
  const both = new Figure($("gi-both"), { title: "sin(x*y) and its gradient", colorbar: "viridis" });
  let quiver = null;
  for (const fig of [heat, quiv, both]) fig.setDomain(0, 4, 0, 4);
  heat.layers.push(heatmapLayer(() => plane.f));
  quiv.layers.push(quiverLayer(() => quiver));
  both.layers.push(heatmapLayer(() => plane.f));
  // Level curves at nice values of the colour scale, cached per function and
  // view; the curve through the selected point is recomputed as it moves.
  const CONTOUR_N = 121;
  let levelCache = { key: "", segs: null, levels: [], step: 1 };
  both.layers.push(contourLayer((fig) => {
    const f = plane.f;
    if (!f || !$("gi-contours").checked || !fig.vrange) return null;
    const { xmin, xmax, ymin, ymax } = fig.domain;
    const { lo, hi } = fig.vrange;
    const key = `${xmin},${xmax},${ymin},${ymax},${lo},${hi}`;
    if (levelCache.f !== f || levelCache.key !== key) {
      const levels = Array.from(core().niceTicks(lo, hi, 9));
      const step = levels.length > 1 ? levels[1] - levels[0] : 1;
      const segs = f.contours(xmin, xmax, CONTOUR_N, ymin, ymax, CONTOUR_N, levels);
      levelCache = { f, key, segs, levels, step };
      fig.canvas.dataset.levels = levels.join(",");
    }
    const here = f.eval(plane.p);
    const through = Number.isFinite(here) ? f.contours(xmin, xmax, CONTOUR_N, ymin, ymax, CONTOUR_N, [here]) : null;
    return { ...levelCache, through };
  }));
  both.layers.push(quiverLayer(() => quiver));
  let path = null;
  let shown = 0; // steps drawn so far: the path appears step by step
  let anim = 0;
  both.layers.push(pathLayer(() => path && path.subarray(0, 3 * shown)));
  both.layers.push((ctx, fig) => {
    const f = plane.f;
    if (!f) return;
    const [x, y] = plane.p;
    const g = f.gradient(plane.p);
    if (Number.isFinite(g[0]) && Number.isFinite(g[1]) && quiver?.scale > 0) {
      const k = quiver.scale * fig.plot.w;
      const [px, py] = fig.toPx(x, y);
      arrow(ctx, px, py, px + g[0] * k, py - g[1] * k, { color: "#fff", width: 4.5, head: 12 });
      arrow(ctx, px, py, px + g[0] * k, py - g[1] * k, { color: HIGHLIGHT, width: 2.5, head: 11 });
    }
    dot(ctx, fig, x, y);
  });
  const readout = $("gi-readout");
  const redrawPoint = () => {
    const f = plane.f;
    if (!f) return;
    const [x, y] = plane.p;
    const v = f.eval(plane.p);
    const g = f.gradient(plane.p);
    const n = f.gradientNorm(plane.p);
    const dir = Number.isFinite(n) && n > 0 ? bearing(g[0], g[1]) : "none: the gradient is zero or undefined here";
    readout.textContent = `At (${fmt(x, 4)}, ${fmt(y, 4)}): f = ${fmt(v)}, ∇f = (${fmt(g[0])}, ${fmt(g[1])}), |∇f| = ${fmt(n)}, direction ${dir}.`;
    both.draw();
  };
  const select = (x, y) => {
    plane.p = [x, y];
    notifyPlane();
  };
  // The path from the selected point, and f along it.
  const pathFig = new Figure($("gi-path-plot"), { square: false, xlabel: "step", ylabel: "f", title: "f along the path" });
  let pathCurve = null;
  pathFig.layers.push(curveLayer(() => pathCurve, () => "#ff7f0e"));
  pathFig.layers.push((ctx, fig) => {
    if (!pathCurve) return;
    pathCurve.xs.forEach((x, k) => Number.isFinite(pathCurve.ys[k]) && dot(ctx, fig, x, pathCurve.ys[k], { fill: "#ff7f0e", r: 3 }));
  });
  const updatePath = () => {
    const mode = $("gi-path").value;
    const step = readNumber($("gi-step")), steps = readNumber($("gi-steps"));
    const f = plane.f;
    $("gi-path-figure").hidden = mode === "none";
    if (mode === "none" || !f || !(step > 0) || !(steps >= 1)) {
      path = null;
      return;
    }
    try {
      path = f.path(plane.p, step, Math.min(1000, Math.floor(steps)), mode === "ascent" ? 1 : -1);
    } catch (err) {
      path = null;
      $("gi-path-readout").textContent = err.detail ?? err.message;
      return;
    }
    const fs = [];
    for (let k = 2; k < path.length; k += 3) fs.push(path[k]);
    pathCurve = { xs: fs.map((_, k) => k), ys: fs };
    const lo = Math.min(...fs), hi = Math.max(...fs);
    const pad = hi > lo ? (hi - lo) * 0.08 : 1;
    pathFig.setDomain(0, Math.max(1, fs.length - 1), lo - pad, hi + pad);
    both.canvas.dataset.pathF = fs.join(",");
    // Reveal the path over about half a second, a few steps a frame.
    cancelAnimationFrame(anim);
    shown = 1;
    const per = Math.max(1, Math.ceil(fs.length / 30));
    const stepIn = () => {
      shown = Math.min(fs.length, shown + per);
      both.draw();
      if (shown < fs.length) anim = requestAnimationFrame(stepIn);
    };
    anim = requestAnimationFrame(stepIn);
    const ended = fs.length - 1 < Math.floor(steps) ? ` It stopped after ${fs.length - 1} steps: the values ran off to infinity or became undefined.` : "";
    $("gi-path-readout").textContent = `${mode === "ascent" ? "Ascent" : "Descent"} with step ${fmt(step)}: f goes from ${fmt(fs[0])} to ${fmt(fs[fs.length - 1])} in ${fs.length - 1} steps.${ended}`;
    pathFig.draw();
  };
  for (const id of ["gi-path", "gi-step", "gi-steps"]) $(id).addEventListener("input", () => { updatePath(); both.draw(); });
  $("gi-path").addEventListener("change", () => { updatePath(); both.draw(); });
  $("gi-contours").addEventListener("change", () => both.draw());
  plane.listeners.push(updatePath);
  plane.listeners.push(redrawPoint);
  figures.push(pathFig);
  pointerSelect(both, select);
  arrowKeys(both, () => plane.p, select);
  exprInput($("gi-f"), $("gi-f-err"), (t) => new (core().ScalarField)(t, XY), (f) => {
    plane.f = f;
    const xs = core().linspace(0, 4, 15), ys = core().linspace(0, 4, 15);
    const uv = f.gradientGrid(0, 4, 15, 0, 4, 15);
    quiver = { xs, ys, uv, scale: core().quiverScale(uv) };
    const t = titleOf(f);
    heat.opts.title = t;
    quiv.opts.title = `∇ ${t}`;
    both.opts.title = `${t} and its gradient`;
    heat.draw();
    quiv.draw();
    notifyPlane();
  });
  figures.push(heat, quiv, both);
  const pointText = () => plane.p.map((v) => String(Number(v.toPrecision(8)))).join(",");
  register("gi", [
    exprField("f", $("gi-f"), $("gi-f-err")),
    inputField("levels", $("gi-contours"), { apply: () => both.draw() }),
    inputField("path", $("gi-path"), { ok: () => $("gi-path").value !== "" }),
    inputField("step", $("gi-step")),
    inputField("steps", $("gi-steps")),
    {
      key: "p",
      get: pointText,
      set: (t) => {
        const p = String(t).split(",").map((v) => Number(v.trim()));
        if (p.length === 2 && p.every(Number.isFinite)) select(p[0], p[1]);
        else plane.bad = true;
      },
      ok: () => !plane.bad || (plane.bad = false),
    },
  ]);
}

// -------------------------------------------------------------- section 4.2

function setupSteepest() {
  const fig = new Figure($("sa-canvas"), { square: false, xlabel: "angle of v (degrees)", ylabel: "∇f · v", title: "rate of change in each direction" });
  const N = 720;
  let sweep = null;
  fig.layers.push((ctx, fig) => {
    // The zero line, for reading signs.
    const [x0, y0] = fig.toPx(0, 0), [x1] = fig.toPx(360, 0);
    ctx.strokeStyle = cssVar("--rule", "#ccc");
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y0);
    ctx.stroke();
  });
  fig.layers.push(curveLayer(() => sweep));
  fig.layers.push((ctx, fig) => {
    if (!sweep?.max) return;
    const [deg, val] = sweep.max;
    const [px, py] = fig.toPx(deg, val);
    ctx.setLineDash([4, 4]);
    ctx.strokeStyle = HIGHLIGHT;
    ctx.beginPath();
    ctx.moveTo(px, fig.plot.y);
    ctx.lineTo(px, fig.plot.y + fig.plot.h);
    ctx.stroke();
    ctx.setLineDash([]);
    dot(ctx, fig, deg, val);
  });
  const px = $("sa-x"), py = $("sa-y");
  const update = () => {
    const f = plane.f;
    if (!f) return;
    const p = plane.p;
    if (document.activeElement !== px) px.value = String(Number(p[0].toPrecision(6)));
    if (document.activeElement !== py) py.value = String(Number(p[1].toPrecision(6)));
    const g = f.gradient(p);
    const n = f.gradientNorm(p);
    const vals = f.directionalSweep(p, N);
    const xs = Array.from({ length: N + 1 }, (_, k) => (360 * k) / N);
    const ys = [...vals, vals[0]];
    const ok = Number.isFinite(n) && n > 0;
    const deg = ok ? (((Math.atan2(g[1], g[0]) * 180) / Math.PI) % 360 + 360) % 360 : NaN;
    sweep = { xs, ys, max: ok ? [deg, n] : null };
    const lim = Number.isFinite(n) && n > 0 ? n * 1.15 : 1;
    fig.setDomain(0, 360, -lim, lim);
    fig.canvas.dataset.maxAngle = deg;
    fig.canvas.dataset.gradNorm = n;
    $("sa-readout").textContent = ok
      ? `∇f = (${fmt(g[0])}, ${fmt(g[1])}). The largest rate, ${fmt(n)} = |∇f|, is at ${fmt(deg, 5)}°, the direction of ∇f; the smallest, −${fmt(n)}, is opposite, and the rate is 0 at right angles to it.`
      : "The gradient is zero or undefined here, so every direction gives the same rate.";
    fig.draw();
    drawRotation();
  };
  const readPoint = () => {
    const x = readNumber(px), y = readNumber(py);
    if (x === null || y === null) return;
    plane.p = [x, y];
    notifyPlane();
  };
  [px, py].forEach((i) => i.addEventListener("input", readPoint));
  plane.listeners.push(update);
  figures.push(fig);

  // Rotate the axes: the gradient turns with the function, the "largest
  // component" choice jumps between axis directions.
  const rot = new Figure($("sa-rot"), { title: "axes turned by φ", xlabel: "", ylabel: "" });
  rot.setDomain(-1.2, 1.2, -1.2, 1.2);
  const slider = $("sa-phi");
  let rotState = null;
  rot.layers.push((ctx, fig) => {
    if (!rotState) return;
    const { phi, g, comp, best } = rotState;
    const [cx, cy] = fig.toPx(0, 0);
    const R = fig.plot.w * 0.42;
    ctx.strokeStyle = cssVar("--muted", "#666");
    ctx.lineWidth = 1;
    ctx.font = "14px system-ui, sans-serif";
    ctx.fillStyle = cssVar("--muted", "#666");
    const labels = ["x′", "y′"];
    for (let a = 0; a < 2; a++) {
      const t = phi + (a * Math.PI) / 2;
      const ex = Math.cos(t), ey = Math.sin(t);
      ctx.beginPath();
      ctx.moveTo(cx - ex * R * 1.1, cy + ey * R * 1.1);
      ctx.lineTo(cx + ex * R * 1.1, cy - ey * R * 1.1);
      ctx.stroke();
      ctx.fillText(labels[a], cx + ex * R * 1.15 + 4, cy - ey * R * 1.15);
    }
    const n = Math.hypot(g[0], g[1]);
    if (!(n > 0)) return;
    const s = R / n;
    arrow(ctx, cx, cy, cx + g[0] * s, cy - g[1] * s, { color: HIGHLIGHT, width: 3, head: 12 });
    // The axis direction the "largest component" rule would pick.
    const t = phi + (best * Math.PI) / 2;
    const sign = Math.sign(comp[best]) || 1;
    arrow(ctx, cx, cy, cx + sign * Math.cos(t) * R * 0.8, cy - sign * Math.sin(t) * R * 0.8, { color: cssVar("--accent", "#0b5cad"), width: 3, head: 12 });
  });
  const drawRotation = () => {
    const f = plane.f;
    if (!f) return;
    const g = f.gradient(plane.p);
    const phiDeg = Number(slider.value);
    const phi = (phiDeg * Math.PI) / 180;
    const comp = core().rotateComponents(g[0], g[1], phi);
    const best = Math.abs(comp[1]) > Math.abs(comp[0]) ? 1 : 0;
    rotState = { phi, g, comp, best };
    $("sa-phi-out").textContent = `${phiDeg}°`;
    $("sa-rot-readout").textContent = `In the turned axes ∇f = (${fmt(comp[0])}, ${fmt(comp[1])}). The largest component is along ${best ? "y′" : "x′"}; the gradient itself has not moved.`;
    rot.draw();
  };
  slider.addEventListener("input", drawRotation);
  figures.push(rot);

  // Beyond two variables.
  const gin = $("sa-grad");
  const compare = () => {
    const parts = gin.value.replace(/[[\]]/g, "").split(/[,\s]+/).filter((s) => s.length);
    const g = parts.map(Number);
    const out = $("sa-compare");
    if (!parts.length || parts.length > 64 || g.some((v) => !Number.isFinite(v))) {
      showError($("sa-grad-err"), gin, { message: "Type the gradient's components as numbers separated by commas, e.g. 5, 2, -1, 0." });
      return;
    }
    showError($("sa-grad-err"), gin, null);
    const [n, i, gi, c] = core().compareSteps(g);
    if (!Number.isFinite(n)) {
      out.textContent = "A zero gradient: no direction increases f to first order.";
      return;
    }
    const theta = (Math.acos(Math.min(1, c)) * 180) / Math.PI;
    out.textContent = `A unit step along ∇f changes f by about |∇f| = ${fmt(n, 6)}. A unit step along axis ${i + 1} (the largest component, ${fmt(gi, 6)}) changes it by only ${fmt(Math.abs(gi), 6)}: cos θ = ${fmt(c, 6)}, θ = ${fmt(theta, 4)}° between the two directions.`;
  };
  gin.addEventListener("input", compare);
  compare();
  register("sa", [
    inputField("phi", slider, { ok: () => Number.isFinite(slider.valueAsNumber) }),
    inputField("g", gin, { ok: () => $("sa-grad-err").textContent === "" }),
  ]);
}

// ----------------------------------------------------- check understanding

function setupQuizzes() {
  for (const q of document.querySelectorAll(".quiz .q")) {
    const feedback = q.querySelector(".q-feedback");
    for (const b of q.querySelectorAll("button[data-choice]")) {
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", () => {
        const right = b.dataset.choice === q.dataset.answer;
        q.querySelectorAll("button[data-choice]").forEach((o) => o.setAttribute("aria-pressed", String(o === b)));
        feedback.querySelector(".verdict").textContent = right ? "Right." : "Not quite.";
        feedback.hidden = false;
        q.dataset.result = right ? "right" : "wrong";
      });
    }
  }
}

// ------------------------------------------------------------ links, embed

/** The figure id used in links: the canvas id without "-canvas". */
const figureId = (fig) => fig.canvas.id.replace(/-canvas$/, "");

function addLinkButtons() {
  for (const fig of figures) {
    const figure = fig.canvas.closest("figure");
    const section = fig.canvas.closest("section");
    linkButtons(figure, () => link(section.id), () => link("", { embed: figureId(fig) }));
  }
}

/** `?embed=id`: only that figure (with its own controls), filling the frame. */
function showEmbed() {
  const id = embedTarget();
  const fig = id && figures.find((f) => figureId(f) === id);
  if (!fig) return;
  document.body.classList.add("embed");
  const keep = fig.canvas.closest(".panel") ?? fig.canvas.closest("figure");
  // Hide everything that is not on the path from <body> to the kept panel.
  for (let el = keep; el && el !== document.body; el = el.parentElement) {
    for (const sib of el.parentElement.children) {
      // The masthead stays: CSS shows only its notice line in embed mode.
      if (sib !== el && !sib.classList.contains("masthead")) sib.hidden = true;
    }
  }
  // Inside the panel, only the chosen figure.
  for (const other of keep.querySelectorAll("figure")) {
    if (!other.contains(fig.canvas)) other.hidden = true;
  }
  fig.opts.maxWidth = 4000;
  const fitFrame = () => {
    fig.opts.maxHeight = window.innerHeight - fig.canvas.getBoundingClientRect().top - 60 + window.scrollY;
    fig.draw();
  };
  window.addEventListener("resize", fitFrame);
  fitFrame();
}

// ------------------------------------------------------------------- start

async function main() {
  await load();
  performance.mark("wasm-ready");
  // Marks per section: `make bench` prints where start-up time goes.
  for (const [name, setup] of [
    ["functions", () => { setupEvaluator(); setupHeatmap(); }],
    ["vector-valued", setupVectorValued],
    ["partial-derivatives", () => { setupPartials(); setupSlide(); }],
    ["gradients", setupGradients],
    ["gradient-intuition", setupIntuition],
    ["steepest-ascent", () => { setupSteepest(); notifyPlane(); }],
  ]) {
    const t = performance.now();
    setup();
    performance.measure(`setup ${name}`, { start: t, end: performance.now() });
  }
  setupQuizzes();
  // Figures read their colours from CSS: redraw when the scheme changes.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => figures.forEach((f) => f.draw()));
  const notices = restore();
  showEmbed();
  addLinkButtons();
  // Every edit anywhere is mirrored into the address bar.
  for (const type of ["input", "change", "keydown", "pointerup"]) document.addEventListener(type, save);
  plane.listeners.push(save);
  watchResize();
  const status = $("status");
  status.hidden = notices.length === 0;
  status.textContent = notices.join(" ");
  document.body.dataset.readyMs = performance.now().toFixed(1);
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  const s = $("status");
  s.hidden = false;
  s.textContent = `The page could not start: ${err?.message ?? err}`;
  console.error(err);
});

