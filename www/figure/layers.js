// The layers a Figure draws inside its plot rectangle: heatmap, arrows and
// quivers, curves, markers, level curves and paths. Each is a function of
// (ctx, fig) made by a factory that closes over a getter, so a layer always
// draws the current state of its section without owning it.

import { core, wasmMemory } from "../core.js";
import { cssVar, formatTick } from "./figure.js";
import { fmt } from "../ui.js";
import { starting, deferDraw } from "./schedule.js";

export function noDataLayer(ctx, fig) {
  const p = fig.plot;
  ctx.fillStyle = cssVar("--nodata-bg", "#eee");
  ctx.fillRect(p.x, p.y, p.w, p.h);
  ctx.strokeStyle = cssVar("--nodata-ink", "#bbb");
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let k = -p.h; k < p.w; k += 8) {
    ctx.moveTo(p.x + k, p.y + p.h);
    ctx.lineTo(p.x + k + p.h, p.y);
  }
  ctx.stroke();
}

/**
 * The colour scale of f over a domain, computed once per function and domain
 * by the core's one rule and shared by every heatmap and 3D view of it, so a
 * colour means the same value in each. Where f runs off towards ±∞ the core
 * clips the scale: `under`/`over` say so, and `underAt`/`overAt` say where.
 */
const scales = new WeakMap();
export function sharedScale(f, domain) {
  const { xmin, xmax, ymin, ymax } = domain;
  const key = `${xmin},${xmax},${ymin},${ymax}`;
  const hit = peekScale(f, domain);
  if (hit) return hit;
  const r = core().colourScale(f, xmin, xmax, ymin, ymax);
  const range = { lo: r[0], hi: r[1], under: r[2] === 1, over: r[3] === 1, underAt: [r[4], r[5]], overAt: [r[6], r[7]], underAlong: r[8], overAlong: r[9] };
  scales.set(f, { key, range });
  return range;
}

/** The shared scale if some figure has already computed it, else null. */
export function peekScale(f, { xmin, xmax, ymin, ymax }) {
  const hit = scales.get(f);
  return hit && hit.key === `${xmin},${xmax},${ymin},${ymax}` ? hit.range : null;
}

/** matplotlib's name for a colour bar's arrowheads: neither, min, max or both. */
export const extendOf = (r) => (r.under ? (r.over ? "both" : "min") : r.over ? "max" : "neither");

/**
 * What a clipped scale means, in words, for the note under a figure and
 * its description; "" when nothing is clipped. `cut` adds what a 3D view
 * does at the clipped ends.
 */
export function clipText(r, cut = false) {
  if (!r || !(r.under || r.over)) return "";
  // A point, or the line x = c (1) or y = c (2) that f runs away along.
  const at = ([x, y], along) => (along === 1 ? `along x = ${fmt(x, 4)}` : along === 2 ? `along y = ${fmt(y, 4)}` : `near (${fmt(x, 4)}, ${fmt(y, 4)})`);
  const ends = [];
  if (r.over) ends.push(`above ${fmt(r.hi, 3)} (f shoots up ${at(r.overAt, r.overAlong)})`);
  if (r.under) ends.push(`below ${fmt(r.lo, 3)} (f plunges ${at(r.underAt, r.underAlong)})`);
  const both = r.under && r.over;
  const surface = cut ? `, and the surface is cut off there` : "";
  return `Colours are clipped ${ends.join(" and ")}: those values take the end colour${surface}, as the arrowhead${both ? "s" : ""} on the colour bar show${both ? "" : "s"}.`;
}

/**
 * A figure's notice (`<canvas id>-notice`, made on first use under the
 * canvas): shown with `text` when `on`, hidden otherwise. The canvas also
 * says it in `data-undersampled`, for tests. Other kinds have their own
 * element `<canvas id>-<kind>`: "clip" (a clipped colour scale, styled as
 * information rather than a warning), "arrows" (a quiver grid too coarse for
 * f), "cap" (arrow lengths capped near a pole) and "scale" (axes drawn at
 * unequal scales).
 */
export function showNotice(canvas, on, text, kind = "notice") {
  if (kind === "notice") canvas.dataset.undersampled = on ? "true" : "false";
  let n = document.getElementById(`${canvas.id}-${kind}`);
  if (!n && !on) return;
  if (!n) {
    n = document.createElement("p");
    n.id = `${canvas.id}-${kind}`;
    n.className = kind === "clip" || kind === "cap" ? "figure-notice figure-note" : "figure-notice";
    n.setAttribute("role", "status");
    // Right under the canvas, above any note made before it.
    canvas.insertAdjacentElement("afterend", n);
  }
  n.hidden = !on;
  n.textContent = on ? text : "";
}

/**
 * A heatmap layer: a Rust `Raster` paints the plot's device pixels on the
 * shared colour scale; we wrap its buffer in an ImageData view (no copy), put
 * it on a scratch canvas and draw that 1:1 over the no-data hatching. When
 * the pixels are too coarse for the function (it varies faster than a pixel
 * can show) the figure says so instead of letting an alias pass for it.
 */
export function heatmapLayer(getField, map = "viridis") {
  // One raster per figure and module instance (a restart makes a new one).
  let raster = null;
  let owner = null;
  let painted = ""; // what the scratch canvas holds, so a moving marker does not repaint
  let paintedField = null;
  return (ctx, fig) => {
    noDataLayer(ctx, fig);
    const f = getField();
    if (!f) return;
    if (owner !== core()) {
      raster = new (core().Raster)();
      owner = core();
      painted = "";
    }
    const { xmin, xmax, ymin, ymax } = fig.domain;
    // While the page starts, a large heatmap (a DPR-3 phone has ~700,000
    // device pixels in one) is painted at a third of the resolution first
    // and refined in a later task.
    const coarse = starting() && !fig.refined && fig.dev.w * fig.dev.h > 250_000;
    const k = coarse ? 3 : 1;
    const w = Math.ceil(fig.dev.w / k), h = Math.ceil(fig.dev.h / k);
    const key = `${xmin},${xmax},${ymin},${ymax},${w},${h},${map}`;
    const s = fig.scratch;
    if (key !== painted || f !== paintedField) {
      const scale = sharedScale(f, fig.domain);
      raster.paintOnScale(f, xmin, xmax, ymin, ymax, w, h, map, scale.lo, scale.hi);
      fig.vrange = { ...scale, lo: raster.vmin(), hi: raster.vmax() };
      fig.canvas.dataset.extend = extendOf(scale);
      showNotice(fig.canvas, scale.under || scale.over, clipText(scale), "clip");
      showNotice(fig.canvas, core().undersampled(f, xmin, xmax, w, ymin, ymax, h),
        "This function varies faster than one pixel can show: the pattern drawn here is not its true shape (an alias). Zoom in (a smaller range) to see it.");
      fig.canvas.dataset.vmin = raster.vmin();
      fig.canvas.dataset.vmax = raster.vmax();
      // A fresh view each time: any allocation in wasm may move memory.buffer.
      const view = new Uint8ClampedArray(wasmMemory().buffer, raster.ptr(), raster.len());
      if (s.width !== w || s.height !== h) {
        s.width = w;
        s.height = h;
      }
      s.getContext("2d").putImageData(new ImageData(view, w, h), 0, 0);
      painted = key;
      paintedField = f;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(s, fig.dev.left, fig.dev.top, w * k, h * k);
    ctx.restore();
    if (coarse) {
      fig.refined = true;
      deferDraw(fig);
    }
  };
}

/**
 * An arrow from (x0, y0) to (x1, y1) in CSS pixels, with a head like
 * matplotlib's quiver (a filled triangle about a third of the length).
 */
export function arrow(ctx, x0, y0, x1, y1, { color, width = 1.4, head = 8, outline = null, dash = null } = {}) {
  const dx = x1 - x0, dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  if (!(len > 0.5)) return;
  const ux = dx / len, uy = dy / len;
  const hl = Math.min(head, len * 0.45), hw = hl * 0.55;
  if (outline) {
    // A halo of the opposite lightness: the arrow keeps >= 3:1 against
    // whatever lies under it (WCAG 1.4.11), on dark and bright bands alike.
    ctx.save();
    ctx.strokeStyle = outline;
    ctx.lineJoin = "round";
    ctx.lineWidth = width + 2.5;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1 - ux * hl * 0.8, y1 - uy * hl * 0.8);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - ux * hl - uy * hw, y1 - uy * hl + ux * hw);
    ctx.lineTo(x1 - ux * hl + uy * hw, y1 - uy * hl - ux * hw);
    ctx.closePath();
    ctx.stroke();
    ctx.restore();
  }
  ctx.save();
  if (dash) ctx.setLineDash(dash);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1 - ux * hl * 0.8, y1 - uy * hl * 0.8);
  ctx.stroke();
  ctx.restore();
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - ux * hl - uy * hw, y1 - uy * hl + ux * hw);
  ctx.lineTo(x1 - ux * hl + uy * hw, y1 - uy * hl - ux * hw);
  ctx.closePath();
  ctx.fill();
}

/**
 * Quiver arrows, tails at the grid points, scaled as matplotlib's autoscale
 * does. `get()` returns { xs, ys, uv, scale, cap? }: grid coordinates, (u, v)
 * interleaved per point (row-major), the length per unit magnitude as a
 * fraction of the plot width, and the core's length cap near a pole.
 * Arrows whose vector is not finite are skipped.
 */
export function quiverLayer(get, color = () => cssVar("--ink", "#222")) {
  return (ctx, fig) => {
    const q = get();
    if (!q || !(q.scale > 0)) return;
    const k = q.scale * fig.plot.w;
    const c = color();
    const halo = cssVar("--paper", "#fff");
    const nx = q.xs.length;
    let drawn = 0;
    for (let j = 0; j < q.ys.length; j++) {
      for (let i = 0; i < nx; i++) {
        let u = q.uv[2 * (j * nx + i)], v = q.uv[2 * (j * nx + i) + 1];
        if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
        const [px, py] = fig.toPx(q.xs[i], q.ys[j]);
        // Near a pole the core caps the lengths (q.cap): such an arrow is
        // drawn at the cap, dashed, so it reads as "longer than shown".
        const over = q.cap > 0 && Math.hypot(u, v) > q.cap;
        if (over) {
          const shrink = q.cap / Math.hypot(u, v);
          [u, v] = [u * shrink, v * shrink];
        }
        arrow(ctx, px, py, px + u * k, py - v * k, { color: c, width: 1.2, head: 6, outline: halo, dash: over ? [3, 2] : null });
        drawn++;
      }
    }
    fig.canvas.dataset.arrows = drawn;
  };
}

/** A polyline through (xs[i], ys[i]); gaps where a value is not finite. */
export function curveLayer(get, color = () => cssVar("--accent", "#0b5cad"), width = 2, dash = null) {
  return (ctx, fig) => {
    const c = get();
    if (!c) return;
    ctx.setLineDash(dash ?? []);
    ctx.strokeStyle = color();
    ctx.lineWidth = width;
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < c.xs.length; i++) {
      const y = c.ys[i];
      if (!Number.isFinite(y)) {
        pen = false;
        continue;
      }
      const [px, py] = fig.toPx(c.xs[i], y);
      if (pen) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
}

/** A round handle at a data point: the selected point of a figure. */
export function dot(ctx, fig, x, y, { fill = "#d62728", r = 6 } = {}) {
  const [px, py] = fig.toPx(x, y);
  ctx.beginPath();
  ctx.arc(px, py, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  // A dark ring under a light one: visible on bright and dark bands alike.
  ctx.lineWidth = 4;
  ctx.strokeStyle = "#000";
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#fff";
  ctx.stroke();
}

/**
 * Level curves: `get()` returns { segs, levels, step, through } where segs is
 * [level index, x0, y0, x1, y1] per segment. Lines are white over the
 * heatmap; each level is labelled once, at its middle segment. `through` (the
 * core's `levelLines` output) is the curve through the selected point, drawn
 * bolder and dashed.
 */
export function contourLayer(get) {
  return (ctx, fig) => {
    fig.canvas.dataset.throughCurves = 0;
    const c = get(fig);
    if (!c) return;
    ctx.save();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.75)";
    ctx.beginPath();
    const candidates = new Map(); // level index → segment midpoints (every 7th)
    for (let k = 0, n = 0; k < c.segs.length; k += 5, n++) {
      const [x0, y0] = fig.toPx(c.segs[k + 1], c.segs[k + 2]);
      const [x1, y1] = fig.toPx(c.segs[k + 3], c.segs[k + 4]);
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      if (n % 7 === 0) {
        const li = c.segs[k];
        if (!candidates.has(li)) candidates.set(li, []);
        candidates.get(li).push([(x0 + x1) / 2, (y0 + y1) / 2]);
      }
    }
    ctx.stroke();
    // Greedy placement: each label where it is farthest from the labels
    // already placed and from the plot's edges.
    const p = fig.plot;
    const middle = new Map();
    const placed = [];
    for (const [li, pts] of candidates) {
      let best = null, bestScore = -1;
      for (const [x, y] of pts) {
        const edge = Math.min(x - p.x, p.x + p.w - x, y - p.y, p.y + p.h - y);
        const near = placed.reduce((m, [a, b]) => Math.min(m, Math.hypot(a - x, b - y)), Infinity);
        const score = Math.min(edge * 2, near);
        if (score > bestScore) {
          bestScore = score;
          best = [x, y];
        }
      }
      if (best && bestScore > 12) {
        middle.set(li, best);
        placed.push(best);
      }
    }
    // The labels are drawn by `contourLabelLayer`, above the arrows.
    fig.contourLabels = Array.from(middle, ([li, at]) => [formatTick(c.levels[li], c.step), at]);
    if (c.through) {
      // The core joins the curve through the point into whole polylines
      // (the dash pattern would restart with every piece); a dark edge
      // under the white dashes keeps them visible on the yellow bands.
      const curves = polylines(c.through);
      for (const [color, width, dash] of [["rgba(0, 0, 0, 0.6)", 4.5, []], ["#fff", 2.5, [7, 5]]]) {
        ctx.lineWidth = width;
        ctx.strokeStyle = color;
        ctx.setLineDash(dash);
        for (const pts of curves) {
          ctx.beginPath();
          for (let k = 0; k < pts.length; k += 2) {
            const [px, py] = fig.toPx(pts[k], pts[k + 1]);
            if (k === 0) ctx.moveTo(px, py);
            else ctx.lineTo(px, py);
          }
          ctx.stroke();
        }
      }
      fig.canvas.dataset.throughCurves = curves.length;
    }
    ctx.restore();
  };
}

/**
 * The level-curve labels placed by `contourLayer`, as a layer of their own:
 * pushed after the arrows, so no arrow is drawn across a number.
 */
export function contourLabelLayer(ctx, fig) {
  const labels = fig.contourLabels;
  fig.contourLabels = [];
  if (!labels?.length) return;
  ctx.save();
  ctx.font = "11px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const [label, [x, y]] of labels) {
    const w = ctx.measureText(label).width + 6;
    ctx.fillStyle = "rgba(0, 0, 0, 0.55)";
    ctx.fillRect(x - w / 2, y - 7, w, 14);
    ctx.fillStyle = "#fff";
    ctx.fillText(label, x, y);
  }
  ctx.restore();
}

/** The core's `levelLines` output ([count, x0, y0, …] per curve) as one array of x, y per curve. */
function polylines(flat) {
  const out = [];
  for (let k = 0; k < flat.length; k += 1 + 2 * flat[k]) out.push(flat.subarray(k + 1, k + 1 + 2 * flat[k]));
  return out;
}

/** A path of points (x, y interleaved with f: stride 3), with a dot per step. */
export function pathLayer(get, color = "#ff7f0e") {
  return (ctx, fig) => {
    const p = get();
    if (!p || p.length < 3) return;
    ctx.save();
    for (const [w, c] of [[5, "rgba(255,255,255,0.9)"], [2.5, color]]) {
      ctx.lineWidth = w;
      ctx.strokeStyle = c;
      ctx.beginPath();
      for (let k = 0; k < p.length; k += 3) {
        const [x, y] = fig.toPx(p[k], p[k + 1]);
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
    ctx.fillStyle = color;
    for (let k = 0; k < p.length; k += 3) {
      const [x, y] = fig.toPx(p[k], p[k + 1]);
      ctx.beginPath();
      ctx.arc(x, y, 3, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
  };
}

/**
 * The 3D surface z = f(x, y). Rust turns, projects, sorts and colours the
 * quads; this draws them back to front, then any overlays (lines given in
 * data coordinates, projected by Rust), then the colour bar. Drag (mouse or
 * finger) or the arrow keys turn the view.
 */
