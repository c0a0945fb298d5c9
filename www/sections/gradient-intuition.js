// Section 4.1, intuition: the heatmap and the gradient field side by side,
// then both in one figure with level curves, the selected point's arrow, and
// ascent or descent paths with f along the path.

import { core } from "../core.js";
import { register, inputField } from "../state.js";
import { exprInput, readNumber, fmt } from "../ui.js";
import { $, exprField, XY, HIGHLIGHT, figures, titleOf, arrowKeys, pointerSelect, plane, notifyPlane } from "../page.js";
import { Figure } from "../figure/figure.js";
import { heatmapLayer, quiverLayer, curveLayer, contourLayer, pathLayer, arrow, dot } from "../figure/layers.js";
import { SurfaceView, viewControls, rgbaOf } from "../figure/surface.js";

/** Compass bearing of a plane direction (degrees clockwise from +y, "north"). */
function bearing(dx, dy) {
  const deg = ((90 - (Math.atan2(dy, dx) * 180) / Math.PI) % 360 + 360) % 360;
  const names = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
  return `${deg.toFixed(1)}° (${names[Math.round(deg / 45) % 8]})`;
}


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
    const dir = Number.isFinite(n) && n > 0 ? bearing(g[0], g[1]) : "none: the gradient is zero or undefined here";
    readout.textContent = `At (${fmt(x, 4)}, ${fmt(y, 4)}): f = ${fmt(v)}, ∇f = (${fmt(g[0])}, ${fmt(g[1])}), |∇f| = ${fmt(n)}, direction ${dir}.`;
    both.draw();
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
  $("gi-contours").addEventListener("change", () => { both.draw(); surf.draw(); });
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
    surf.opts.title = `${t} as a surface`;
    heat.draw();
    quiv.draw();
    notifyPlane();
  });
  figures.push(heat, quiv, both, surf);
  const pointText = () => plane.p.map((v) => String(Number(v.toPrecision(8)))).join(",");
  register("gi", [
    exprField("f", $("gi-f"), $("gi-f-err")),
    inputField("levels", $("gi-contours"), { apply: () => { both.draw(); surf.draw(); } }),
    inputField("tangent", $("gi-tangent"), { apply: () => surf.draw() }),
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

/** Builds the section's figures and wires their inputs. */
export function start() {
  setupIntuition();
}
