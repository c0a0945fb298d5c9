// Section 3, partial derivatives: the formula of ∂f/∂(chosen variable), the
// slice of f through the point with its tangent, and the lost slide: the
// paraboloid 9 − x² − y² cut by a plane.

import { core, onRestart } from "../core.js";
import { register, inputField } from "../state.js";
import { exprInput, fmt, setMath, pointInputs, release } from "../ui.js";
import { $, exprField, XY, HIGHLIGHT, figures, arrowKeys, pointerSelect, titleOf, gradientState, fieldKeepingVariables } from "../page.js";
import { Figure, cssVar } from "../figure/figure.js";
import { curveLayer, dot, showNotice, extendOf } from "../figure/layers.js";
import { practiceBox } from "../quiz.js";
import { SurfaceView, viewControls, rgbaOf } from "../figure/surface.js";

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
  fig.field = () => f; // for its description and sound (a11y.js)
  fig.trace = () => slice;
  fig.layers.push(curveLayer(() => tangent, () => HIGHLIGHT, 2, [7, 4])); // dashed: not by colour alone
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
    // Where ∂f/∂(variable) does not exist, say why instead of printing NaN.
    // (An infinite slope is no slope either: a pole, or f vertical there.)
    const why = !Number.isFinite(slope) || !Number.isFinite(fp) ? gradientState(f, p).text || "the slope is not a finite number here." : "";
    value.textContent = `${why ? "none" : fmt(slope, 10)} at (${p.map((v) => fmt(v, 6)).join(", ")})${why ? `: ${why}` : ""}`;
    release(part);
    const others = vars.filter((v) => v !== name).map((v) => `${v} = ${fmt(p[vars.indexOf(v)], 6)}`);
    fixedText.textContent = others.length ? `${others.join(", ")} held fixed` : "";
    // The window follows the point, except while it is being dragged (a
    // window that moves under the finger would run away with it).
    if (!fig.dragging || !win || win.name !== name || p[k] < win.a || p[k] > win.b) win = { name, a: p[k] - 3, b: p[k] + 3 };
    const { a, b } = win;
    // The core samples the slice, breaks it where f jumps or runs off, and
    // says what y range to show (clipped where f runs away, like a colour
    // scale); the window adds the point and a little padding.
    const c = f.slicePlot(p, name, a, b, 301);
    const m = c[6];
    slice = { xs: c.subarray(7, 7 + m), ys: c.subarray(7 + m, 7 + 2 * m), here: [p[k], fp] };
    let lo = Math.min(c[0], Number.isFinite(fp) ? fp : c[0]), hi = Math.max(c[1], Number.isFinite(fp) ? fp : c[1]);
    const range = { lo: c[0], hi: c[1], under: c[2] === 1, over: c[3] === 1 };
    // One pole seen from both sides (the extremes are neighbouring samples)
    // is named once, at their middle.
    const step = (b - a) / 300;
    const pole = range.over && range.under && Math.abs(c[5] - c[4]) <= 2.5 * step;
    const at = (t) => `${name} = ${fmt(t, 3)}`;
    const ends = pole ? [`runs off to +∞ and −∞ on either side of ${name} ≈ ${fmt((c[4] + c[5]) / 2, 3)}`]
      : [range.over && `shoots up near ${at(c[5])}`, range.under && `plunges near ${at(c[4])}`].filter(Boolean);
    showNotice(fig.canvas, ends.length > 0, `f ${ends.join(" and ")}, so the y axis stops at ${[range.over && `${fmt(range.hi, 3)} at the top`, range.under && `${fmt(range.lo, 3)} at the bottom`].filter(Boolean).join(" and ")} to keep the rest readable; the curve runs off the plot there.`, "clip");
    fig.canvas.dataset.extend = extendOf(range);
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
  // Practice: the student types ∂f/∂(variable) before looking.
  const resetPractice = practiceBox({
    input: $("pd-answer"),
    button: $("pd-answer-check"),
    show: $("pd-answer-show"),
    feedback: $("pd-answer-feedback"),
    answer: $("pd-formula-row"),
    check: (text) => {
      const part = f.partial(sel.value);
      try {
        return part.checkAnswer(text, point.point() ?? [], `∂f/∂${sel.value}`);
      } finally {
        release(part);
      }
    },
  });
  let asked = "";
  const newQuestion = () => {
    const q = `${titleOf(f)}|${sel.value}`;
    if (q !== asked) resetPractice();
    asked = q;
    $("pd-answer-lhs").textContent = `∂f/∂${sel.value}`;
  };
  sel.addEventListener("change", newQuestion);
  exprInput($("pd-f"), $("pd-f-err"), (t) => fieldKeepingVariables(t, f), (g) => {
    f = g;
    const vars = g.variables();
    point.setVariables(vars);
    const keep = sel.value;
    sel.replaceChildren(...vars.map((v) => new Option(v, v)));
    sel.value = vars.includes(keep) ? keep : vars[0] ?? "";
    newQuestion();
    update();
  });
  sel.addEventListener("change", update);
  const move = (x) => {
    if (!f) return;
    point.set(sel.value, Number(x.toPrecision(6)));
    update();
  };
  pointerSelect(fig, (x) => move(x), () => (slice?.here && Number.isFinite(slice.here[1]) ? fig.toPx(slice.here[0], slice.here[1]) : null));
  arrowKeys(fig, () => [slice?.here[0] ?? 0, 0], (x) => move(x));
  figures.push(fig);
  register("pd", [
    exprField("f", $("pd-f"), $("pd-f-err")),
    inputField("var", sel, { ok: () => sel.value !== "" }),
    { key: "p", get: () => point.text(), set: (t) => point.setText(t), ok: () => point.point() !== null },
  ]);
}

/** Section 3: the lost slide, live: 9 - x² - y² cut by the plane y = y0. */
function setupSlide() {
  let f = new (core().ScalarField)("9 - x^2 - y^2", XY);
  const sx = $("slide-x"), sy = $("slide-y");
  const x0 = () => Number(sx.value), y0 = () => Number(sy.value);
  // Dragging the point on the surface moves the sliders (snapped to their
  // step, and kept inside their range), and so the cut.
  const moveTo = (x, y) => {
    sx.value = String(x);
    sy.value = String(y);
    redraw();
  };
  const view = new SurfaceView($("slide-canvas"), () => f, {
    title: "9 − x² − y² cut by the plane y = y₀",
    readout: $("slide-hover"),
    point: { get: () => [x0(), y0()], set: moveTo },
  });
  view.setDomain(-3, 3, -3, 3);
  viewControls(view, "slide");
  view.overlays.push((s, v) => {
    const g = v.getField();
    const x = x0(), y = y0();
    s.addCut(1, y, rgbaOf("rgba(120, 160, 255, 0.3)"));
    const xs = core().linspace(-3, 3, 121);
    const zs = g.slice([x, y], "x", -3, 3, 121);
    const curve = [];
    xs.forEach((cx, k) => curve.push(cx, y, zs[k]));
    s.addLine(curve, rgbaOf("#fff"), 4, false);
    s.addLine(curve, rgbaOf(cssVar("--accent", "#0b5cad")), 2, false);
    const z0 = g.eval([x, y]);
    const slope = g.gradient([x, y])[0];
    const a = Math.max(-3, x - 1.5), b = Math.min(3, x + 1.5);
    s.addLine([a, y, z0 + slope * (a - x), b, y, z0 + slope * (b - x)], rgbaOf(HIGHLIGHT), 3, false);
    s.addPoint(x, y, z0, rgbaOf(HIGHLIGHT), 5);
    $("slide-readout").textContent = `At (x₀, y₀) = (${fmt(x, 3)}, ${fmt(y, 3)}): f = ${fmt(z0)}, and the slope of the cut in the x direction is ∂f/∂x = −2x₀ = ${fmt(slope)}.`;
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
    // The function belongs to the old instance; rebuild it.
    f = new (core().ScalarField)("9 - x^2 - y^2", XY);
    view.draw();
  });
  register("slide", [inputField("x0", sx), inputField("y0", sy)]);
  redraw();
}

/** Builds the section's figures and wires their inputs. */
export function start() {
  setupPartials();
  setupSlide();
}
