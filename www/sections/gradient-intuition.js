// Section 4.1, intuition: the heatmap and the gradient field side by side,
// then both in one figure with level curves, the selected point's arrow, and
// ascent or descent paths with f along the path.

import { core } from "../core.js";
import { register, inputField } from "../state.js";
import { exprInput, fmt } from "../ui.js";
import { $, exprField, domainInputs, checkedInputs, XY, HIGHLIGHT, figures, titleOf, arrowKeys, pointerSelect, plane, notifyPlane, angleText, gradientState } from "../page.js";
import { Figure, cssVar } from "../figure/figure.js";
import { heatmapLayer, quiverLayer, curveLayer, contourLayer, contourLabelLayer, pathLayer, arrow, dot, showNotice } from "../figure/layers.js";
import { SurfaceView, viewControls, rgbaOf } from "../figure/surface.js";

function setupIntuition() {
  const heat = new Figure($("gi-heat"), { title: "sin(x*y)", colorbar: "viridis" });
  const quiv = new Figure($("gi-quiver"), { title: "∇(sin(x*y))" });
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
    const through = Number.isFinite(here) ? f.levelLines(xmin, xmax, CONTOUR_N, ymin, ymax, CONTOUR_N, here) : null;
    return { ...levelCache, through };
  }));
  both.layers.push(quiverLayer(() => quiver));
  both.layers.push(contourLabelLayer);
  let path = null;
  let shown = 0; // steps drawn so far: the path appears step by step
  let anim = 0;
  both.layers.push(pathLayer(() => path && path.subarray(0, 3 * shown)));
  both.layers.push((ctx, fig) => {
    // A domain too long and thin to draw square gets unequal scales; then
    // the right angle between gradient and level curve looks slanted.
    const { xmin, xmax, ymin, ymax } = fig.domain;
    const stretch = (fig.plot.w / (xmax - xmin)) / (fig.plot.h / (ymax - ymin));
    const unequal = Math.abs(Math.log(stretch)) > 0.02;
    showNotice(fig.canvas, unequal, `Here a unit of ${stretch > 1 ? "x" : "y"} is drawn ${fmt(stretch > 1 ? stretch : 1 / stretch, 3)} times as long as a unit of ${stretch > 1 ? "y" : "x"} (the range is too long and thin to draw to scale), so right angles between the gradient and the level curves look slanted.`, "scale");
    const f = plane.f;
    if (!f) return;
    const [x, y] = plane.p;
    const g = f.gradient(plane.p);
    dot(ctx, fig, x, y, { r: 5 });
    fig.canvas.dataset.arrowPx = "0";
    if (Number.isFinite(g[0]) && Number.isFinite(g[1]) && quiver?.scale > 0 && (g[0] !== 0 || g[1] !== 0)) {
      // The arrow starts at the dot's edge and is at least 28 px long, so
      // a small gradient still shows its direction (the readout says when
      // it is drawn longer than to scale).
      const k = quiver.scale * fig.plot.w;
      const [px, py] = fig.toPx(x, y);
      const len = Math.hypot(g[0], g[1]) * k;
      // Capped like the arrows around it near a pole, and never under 28 px.
      const shown = Math.max(quiver.cap > 0 ? Math.min(len, quiver.cap * k) : len, 28);
      const ux = g[0] / Math.hypot(g[0], g[1]), uy = -g[1] / Math.hypot(g[0], g[1]);
      const [x0, y0] = [px + ux * 5, py + uy * 5];
      const [x1, y1] = [px + ux * (5 + shown), py + uy * (5 + shown)];
      // Black, white and red: the arrow keeps its contrast on any colour.
      arrow(ctx, x0, y0, x1, y1, { color: "#000", width: 7, head: 14 });
      arrow(ctx, x0, y0, x1, y1, { color: "#fff", width: 5, head: 13 });
      arrow(ctx, x0, y0, x1, y1, { color: HIGHLIGHT, width: 2.5, head: 11 });
      fig.canvas.dataset.arrowPx = shown.toFixed(1);
      plane.lengthened = shown > len + 0.5;
    }
  });
  // The same point on the surface: dragging it here moves it everywhere.
  const surf = new SurfaceView($("gi-surf"), () => plane.f, {
    title: "sin(x*y) as a surface",
    levels: $("gi-contours"),
    readout: $("gi-surf-readout"),
    point: { get: () => plane.p, set: (x, y) => select(x, y) },
  });
  surf.setDomain(0, 4, 0, 4);
  viewControls(surf, "gi-surf");
  $("gi-tangent").addEventListener("change", () => surf.draw());
  surf.overlays.push((s) => {
    const f = plane.f;
    const [x, y] = plane.p;
    const z = f.eval(plane.p);
    const g = f.gradient(plane.p);
    if ($("gi-tangent").checked) s.addTangentPlane(x, y, z, g[0], g[1], 0.2, rgbaOf("rgba(214, 39, 40, 0.35)"));
    // A dashed drop line ties the point to its gradient arrow in the floor.
    const [zlo] = s.ranges();
    s.addLine([x, y, z, x, y, zlo], rgbaOf(HIGHLIGHT), 1.5, true);
    // Twice the quiver's scale: the floor is smaller on screen than the 2D plot, and foreshortened.
    if (quiver?.scale > 0) s.addFloorArrow(x, y, g[0], g[1], 2 * quiver.scale, rgbaOf(HIGHLIGHT), 2.5);
    s.addPoint(x, y, z, rgbaOf(HIGHLIGHT), 5);
  });
  const readout = $("gi-readout");
  const redrawPoint = () => {
    const f = plane.f;
    if (!f) return;
    const [x, y] = plane.p;
    const v = f.eval(plane.p);
    const g = f.gradient(plane.p);
    const n = f.gradientNorm(plane.p);
    both.draw();
    const st = gradientState(f, plane.p, g, n);
    const head = `At (${fmt(x, 4)}, ${fmt(y, 4)}): f = ${fmt(v)}`;
    if (st.kind === "ok") {
      const scale = plane.lengthened ? " (the arrow is drawn longer than to scale so that it shows)"
        : quiver?.cap > 0 && n > quiver.cap ? " (the arrow is drawn shorter than to scale, capped as the dashed arrows are)" : "";
      readout.textContent = `${head}, ∇f = (${fmt(g[0])}, ${fmt(g[1])}), |∇f| = ${fmt(n)}, direction ${angleText(g[0], g[1])}${scale}.`;
    } else {
      readout.textContent = `${head}. ${st.text}`;
    }
    surf.draw();
    surf.canvas.dataset.point = plane.p.join(",");
    both.canvas.dataset.point = plane.p.join(",");
  };
  const select = (x, y) => {
    plane.p = [x, y];
    notifyPlane();
  };
  // The path from the selected point, and f along it.
  const pathFig = new Figure($("gi-path-plot"), { square: false, xlabel: "step", ylabel: "f", title: "f along the path" });
  let pathCurve = null;
  pathFig.layers.push(curveLayer(() => pathCurve, () => cssVar("--path", "#ff7f0e")));
  pathFig.trace = () => pathCurve; // for its description and sound (a11y.js)
  pathFig.layers.push((ctx, fig) => {
    // A dot per step while the steps can be told apart; beyond that the
    // dots' outlines would bury the line.
    if (!pathCurve || pathCurve.xs.length > 60) return;
    pathCurve.xs.forEach((x, k) => Number.isFinite(pathCurve.ys[k]) && dot(ctx, fig, x, pathCurve.ys[k], { fill: cssVar("--path", "#ff7f0e"), r: 3 }));
  });
  // Step size and count, checked by the link table's checks (params.js).
  const pathInputs = checkedInputs("gi", ["step", "steps"], $("gi-path-err"));
  /** The step size and count, or null with a message beside the inputs. */
  const readPathInputs = () => {
    const v = pathInputs.read();
    return v && { step: v[0], steps: v[1] };
  };
  const updatePath = () => {
    const mode = $("gi-path").value;
    const f = plane.f;
    $("gi-path-figure").hidden = mode === "none";
    const read = readPathInputs();
    if (mode === "none" || !f) {
      path = null;
      return;
    }
    // A bad step size or count keeps the last good path and says why.
    if (!read) return;
    const { step, steps } = read;
    try {
      path = f.path(plane.p, step, steps, mode === "ascent" ? 1 : -1);
    } catch (err) {
      path = null;
      $("gi-path-readout").textContent = err.detail ?? err.message;
      return;
    }
    const fs = [];
    for (let k = 2; k < path.length; k += 3) fs.push(path[k]);
    if (!fs.length) {
      path = null;
      pathCurve = null;
      const v = f.eval(plane.p);
      $("gi-path-readout").textContent = `No path: ${Number.isNaN(v) ? "f is undefined" : `f is ${v > 0 ? "+∞" : "−∞"}, with no finite value,`} at the selected point.`;
      pathFig.draw();
      return;
    }
    pathCurve = { xs: fs.map((_, k) => k), ys: fs };
    const lo = Math.min(...fs), hi = Math.max(...fs);
    const pad = hi > lo ? (hi - lo) * 0.08 : Math.max(1, Math.abs(lo) * 0.1);
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
    const taken = fs.length - 1;
    const stepsText = (n) => `${n.toLocaleString("en")} step${n === 1 ? "" : "s"}`;
    // Why it stopped, as the core found it.
    let ended = "";
    const end = f.pathEnd();
    if (end[0] !== 0) {
      const last = [path[3 * taken], path[3 * taken + 1]];
      const next = `(${fmt(end[1], 4)}, ${fmt(end[2], 4)})`;
      const here = `(${fmt(last[0], 4)}, ${fmt(last[1], 4)})`;
      const way = mode === "ascent" ? "up" : "down";
      // The core's codes (pathEnd): what to say after "It stopped after n steps".
      const why = {
        1: () => { const st = gradientState(f, last); return `, at ${here}: ${st.text[0].toLowerCase()}${st.text.slice(1)}`; },
        2: () => `: the next step would land at ${next}, where f is undefined.`,
        3: () => `: the next step would land at ${next}, where f is infinite.`,
        4: () => `: the next step would take it beyond ±10¹² (to ${next}), so it runs off without end.`,
        5: () => ` at ${here}, where the gradient is exactly zero: no direction leads ${way}, so every further step would stay put.`,
      }[end[0]];
      ended = taken === 0 && end[0] === 5
        ? ` It did not move: the gradient is exactly zero at the start, so no direction leads ${way}.`
        : ` It stopped after ${stepsText(taken)}${why()}`;
    }
    const moved = taken > 0 ? `f goes from ${fmt(fs[0])} to ${fmt(fs[taken])} in ${stepsText(taken)}.` : `f stays at ${fmt(fs[0])}.`;
    // Steps that went the wrong way: the step overshot (too big for f here).
    const up = mode === "ascent" ? 1 : -1;
    const wrong = fs.slice(1).filter((v, k) => up * (v - fs[k]) < 0).length;
    if (wrong > 0) {
      const overall = up * (fs[taken] - fs[0]) < 0;
      ended += ` ${overall ? `f ended ${up > 0 ? "lower" : "higher"} than it started: ` : ""}${wrong === 1 ? "one step" : `${wrong.toLocaleString("en")} steps`} went ${up > 0 ? "down" : "up"}, because the step overshoots where f changes fast; a smaller step follows the gradient more closely.`;
    }
    $("gi-path-readout").textContent = `${mode === "ascent" ? "Ascent" : "Descent"} with step ${fmt(step)}: ${moved}${ended}`;
    pathFig.draw();
  };
  for (const id of ["gi-path", "gi-step", "gi-steps"]) $(id).addEventListener("input", () => { updatePath(); both.draw(); });
  $("gi-path").addEventListener("change", () => { updatePath(); both.draw(); });
  $("gi-contours").addEventListener("change", () => { both.draw(); surf.draw(); });
  plane.listeners.push(updatePath);
  plane.listeners.push(redrawPoint);
  figures.push(pathFig);
  pointerSelect(both, select, () => both.toPx(plane.p[0], plane.p[1]));
  arrowKeys(both, () => plane.p, select);
  // The domain: 4.1's three figures share it.
  const domain = { xmin: 0, xmax: 4, ymin: 0, ymax: 4 };
  const refield = () => {
    const f = plane.f;
    if (!f) return;
    const { xmin, xmax, ymin, ymax } = domain;
    for (const fig of [heat, quiv, both, surf]) fig.setDomain(xmin, xmax, ymin, ymax);
    const xs = core().linspace(xmin, xmax, 15), ys = core().linspace(ymin, ymax, 15);
    const uv = f.gradientGrid(xmin, xmax, 15, ymin, ymax, 15);
    // A 15 × 15 grid of arrows can alias as a heatmap's pixels can, and
    // then draws a tidy flow that is not f's: say so under both figures.
    const aliased = core().undersampled(f, xmin, xmax, 15, ymin, ymax, 15);
    // Near a pole a few huge arrows would shrink the rest to dots: the
    // core caps them (drawn dashed) and says so under both figures.
    const [cap, capped] = core().quiverCap(uv);
    quiver = { xs, ys, uv, scale: cap > 0 ? capped : core().quiverScale(uv), cap, aliased };
    for (const fig of [quiv, both]) showNotice(fig.canvas, cap > 0, `Dashed arrows are longer than drawn: near a pole the lengths are capped at ${fmt(cap, 3)} so that the other arrows stay readable.`, "cap");
    for (const fig of [quiv, both]) {
      showNotice(fig.canvas, aliased, "These arrows sit on a 15 × 15 grid, too coarse for this function: their pattern is not its true gradient field. Zoom in (a smaller range) to see it.", "arrows");
    }
    heat.draw();
    quiv.draw();
    notifyPlane();
  };
  const domainIn = domainInputs("gi", (a, b, c, d) => {
    Object.assign(domain, { xmin: a, xmax: b, ymin: c, ymax: d });
    // Keep the point in view: a point outside the new domain moves to its centre.
    const [x, y] = plane.p;
    if (x < a || x > b || y < c || y > d) plane.p = [(a + b) / 2, (c + d) / 2];
    refield();
  });
  exprInput($("gi-f"), $("gi-f-err"), (t) => new (core().ScalarField)(t, XY), (f) => {
    plane.f = f;
    const t = titleOf(f);
    heat.opts.title = t;
    quiv.opts.title = t ? `∇(${t})` : "∇f";
    both.opts.title = `${t} and its gradient`;
    surf.opts.title = `${t} as a surface`;
    $("gi-formula").textContent = t || "f";
    refield();
  });
  figures.push(heat, quiv, both, surf);
  const pointText = () => plane.p.map((v) => String(Number(v.toPrecision(8)))).join(",");
  register("gi", [
    exprField("f", $("gi-f"), $("gi-f-err")),
    inputField("levels", $("gi-contours"), { apply: () => { both.draw(); surf.draw(); } }),
    inputField("tangent", $("gi-tangent"), { apply: () => surf.draw() }),
    inputField("path", $("gi-path"), { ok: () => $("gi-path").value !== "" }),
    ...pathInputs.fields,
    ...domainIn.fields,
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

/** Builds the section's figures and wires their inputs. */
export function start() {
  setupIntuition();
}
