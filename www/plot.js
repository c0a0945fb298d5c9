// Figures on canvas: a plot rectangle with axes, ticks, labels, a title and an
// optional colour bar, and layers drawn inside it (heatmap, arrows, markers).
//
// One axis convention, used everywhere: data y points up; canvas y points
// down. `toPx` and `toData` are the only places that convert between them.
// The canvas backing store is sized in device pixels so lines and the
// heatmap stay crisp on high-DPI screens; drawing is done in CSS pixels
// through a scale transform, except the heatmap, which is placed pixel for
// pixel.

import { core, wasmMemory } from "./core.js";

const FONT = "14px system-ui, -apple-system, 'Segoe UI', sans-serif";

export function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

// Tick labels: as many decimals as the step needs, no float dust.
export function formatTick(v, step) {
  // Very large or tiny values: short scientific notation keeps the margins.
  const big = Math.max(Math.abs(v), Math.abs(step));
  if (big >= 1e5 || (big < 1e-4 && v !== 0)) return v.toExponential(1).replace("-", "\u2212").replace("e+", "e");
  let decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  // Steps like 0.25 need one digit more than their order of magnitude.
  if (decimals < 10 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals += 1;
  const s = v.toFixed(decimals);
  return s === "-0" ? "0" : s.replace("-", "\u2212");
}

export class Figure {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{title?: string, xlabel?: string, ylabel?: string, colorbar?: string|null,
   *          square?: boolean, maxWidth?: number}} opts
   */
  constructor(canvas, opts = {}) {
    this.canvas = canvas;
    this.opts = { xlabel: "x", ylabel: "y", colorbar: null, square: true, maxWidth: 640, ...opts };
    this.domain = { xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    this.layers = [];
    this.vrange = null; // colour bar range, set by a heatmap layer
    this.scratch = document.createElement("canvas");
    this.barScratch = document.createElement("canvas");
  }

  setDomain(xmin, xmax, ymin, ymax) {
    this.domain = { xmin, xmax, ymin, ymax };
  }

  /** Sizes the canvas to its container; returns true if the size changed. */
  fit() {
    const parent = this.canvas.parentElement;
    const avail = Math.max(200, Math.min(this.opts.maxWidth, parent.clientWidth || this.opts.maxWidth));
    const cbar = this.opts.colorbar ? 78 : 0;
    const m = { left: 60, right: 16 + cbar, top: this.opts.title ? 34 : 12, bottom: 46 };
    let plotW = avail - m.left - m.right;
    let plotH = this.opts.square ? plotW : Math.round(plotW * 0.62);
    // In an embed frame the figure also fits the frame's height.
    if (this.opts.maxHeight && plotH + m.top + m.bottom > this.opts.maxHeight) {
      plotH = Math.max(120, this.opts.maxHeight - m.top - m.bottom);
      if (this.opts.square) plotW = plotH;
    }
    const w = plotW + m.left + m.right;
    const h = plotH + m.top + m.bottom;
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    this.margin = m;
    this.css = { w, h };
    // The plot rectangle in whole device pixels, so the heatmap maps 1:1.
    const dl = Math.round(m.left * dpr), dt = Math.round(m.top * dpr);
    this.dev = { left: dl, top: dt, w: Math.round(plotW * dpr), h: Math.round(plotH * dpr) };
    this.plot = { x: dl / dpr, y: dt / dpr, w: this.dev.w / dpr, h: this.dev.h / dpr };
    const bw = Math.round(w * dpr), bh = Math.round(h * dpr);
    const changed = this.canvas.width !== bw || this.canvas.height !== bh;
    if (changed) {
      this.canvas.width = bw;
      this.canvas.height = bh;
    }
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    const d = this.canvas.dataset;
    d.plotLeft = this.dev.left; d.plotTop = this.dev.top; d.plotWidth = this.dev.w; d.plotHeight = this.dev.h;
    d.xmin = this.domain.xmin; d.xmax = this.domain.xmax; d.ymin = this.domain.ymin; d.ymax = this.domain.ymax;
    return changed;
  }

  toPx(x, y) {
    const { xmin, xmax, ymin, ymax } = this.domain;
    const p = this.plot;
    return [p.x + ((x - xmin) / (xmax - xmin)) * p.w, p.y + ((ymax - y) / (ymax - ymin)) * p.h];
  }

  toData(px, py) {
    const { xmin, xmax, ymin, ymax } = this.domain;
    const p = this.plot;
    return [xmin + ((px - p.x) / p.w) * (xmax - xmin), ymax - ((py - p.y) / p.h) * (ymax - ymin)];
  }

  /** Pointer event → data coordinates, or null outside the plot. */
  eventToData(ev) {
    const r = this.canvas.getBoundingClientRect();
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    const p = this.plot;
    if (px < p.x || px > p.x + p.w || py < p.y || py > p.y + p.h) return null;
    return this.toData(px, py);
  }

  draw() {
    const t0 = performance.now();
    this.fit();
    const d = this.canvas.dataset;
    d.xmin = this.domain.xmin; d.xmax = this.domain.xmax; d.ymin = this.domain.ymin; d.ymax = this.domain.ymax;
    const ctx = this.canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = cssVar("--figure-bg", "#fff");
    ctx.fillRect(0, 0, this.css.w, this.css.h);
    const p = this.plot;
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.x, p.y, p.w, p.h);
    ctx.clip();
    for (const layer of this.layers) layer(ctx, this);
    ctx.restore();
    this.drawAxes(ctx);
    if (this.opts.colorbar && this.vrange) this.drawColorbar(ctx);
    // For the benchmark: how long this figure took to draw.
    this.canvas.dataset.drawMs = (performance.now() - t0).toFixed(3);
  }

  drawAxes(ctx) {
    const p = this.plot;
    const ink = cssVar("--ink", "#222");
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineWidth = 1;
    ctx.strokeRect(p.x + 0.5 / this.dpr, p.y + 0.5 / this.dpr, p.w - 1 / this.dpr, p.h - 1 / this.dpr);
    ctx.font = FONT;
    const { xmin, xmax, ymin, ymax } = this.domain;
    const maxX = Math.max(3, Math.floor(p.w / 70));
    const xt = core().niceTicks(xmin, xmax, maxX);
    const yt = core().niceTicks(ymin, ymax, Math.max(3, Math.floor(p.h / 50)));
    const xstep = xt.length > 1 ? xt[1] - xt[0] : 1;
    const ystep = yt.length > 1 ? yt[1] - yt[0] : 1;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of xt) {
      const [x] = this.toPx(t, ymin);
      ctx.beginPath();
      ctx.moveTo(x, p.y + p.h);
      ctx.lineTo(x, p.y + p.h + 5);
      ctx.stroke();
      ctx.fillText(formatTick(t, xstep), x, p.y + p.h + 7);
    }
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const t of yt) {
      const [, y] = this.toPx(xmin, t);
      ctx.beginPath();
      ctx.moveTo(p.x - 5, y);
      ctx.lineTo(p.x, y);
      ctx.stroke();
      ctx.fillText(formatTick(t, ystep), p.x - 7, y);
    }
    ctx.font = `bold ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(this.opts.xlabel, p.x + p.w / 2, this.css.h - 4);
    ctx.save();
    ctx.translate(12, p.y + p.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = "middle";
    ctx.fillText(this.opts.ylabel, 0, 0);
    ctx.restore();
    if (this.opts.title) {
      ctx.font = `italic 16px Georgia, 'Times New Roman', serif`;
      ctx.textBaseline = "top";
      ctx.fillText(this.opts.title, p.x + p.w / 2, 8);
    }
  }

  drawColorbar(ctx) {
    const p = this.plot;
    const x = p.x + p.w + 18, w = 16;
    const hDev = this.dev.h;
    const rgba = core().colorbar(this.opts.colorbar, hDev);
    const img = new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), 1, hDev);
    const s = this.barScratch;
    if (s.height !== hDev) {
      s.width = 1;
      s.height = hDev;
    }
    s.getContext("2d").putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(s, x, p.y, w, p.h);
    const ink = cssVar("--ink", "#222");
    ctx.strokeStyle = ink;
    ctx.strokeRect(x, p.y, w, p.h);
    const { lo, hi } = this.vrange;
    ctx.font = FONT;
    ctx.fillStyle = ink;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    if (!(hi > lo)) {
      if (Number.isFinite(lo)) ctx.fillText(formatTick(lo, Math.abs(lo) / 100 || 1), x + w + 6, p.y + p.h / 2);
      return;
    }
    const ticks = core().niceTicks(lo, hi, Math.max(3, Math.floor(p.h / 50)));
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : hi - lo;
    for (const t of ticks) {
      const y = p.y + ((hi - t) / (hi - lo)) * p.h;
      ctx.beginPath();
      ctx.moveTo(x + w, y);
      ctx.lineTo(x + w + 4, y);
      ctx.stroke();
      ctx.fillText(formatTick(t, step), x + w + 6, y);
    }
  }
}

/** Diagonal hatching: what "no data here" looks like under a heatmap. */
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
 * A heatmap layer: a Rust `Raster` paints the plot's device pixels; we wrap
 * its buffer in an ImageData view (no copy), put it on a scratch canvas and
 * draw that 1:1 over the no-data hatching.
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
    const { w, h } = fig.dev;
    const key = `${xmin},${xmax},${ymin},${ymax},${w},${h},${map}`;
    const s = fig.scratch;
    if (key !== painted || f !== paintedField) {
      raster.paint(f, xmin, xmax, ymin, ymax, w, h, map);
      fig.vrange = { lo: raster.vmin(), hi: raster.vmax() };
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
    ctx.drawImage(s, fig.dev.left, fig.dev.top);
    ctx.restore();
  };
}

/**
 * An arrow from (x0, y0) to (x1, y1) in CSS pixels, with a head like
 * matplotlib's quiver (a filled triangle about a third of the length).
 */
export function arrow(ctx, x0, y0, x1, y1, { color, width = 1.4, head = 8 } = {}) {
  const dx = x1 - x0, dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  if (!(len > 0.5)) return;
  const ux = dx / len, uy = dy / len;
  const hl = Math.min(head, len * 0.45), hw = hl * 0.55;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1 - ux * hl * 0.8, y1 - uy * hl * 0.8);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - ux * hl - uy * hw, y1 - uy * hl + ux * hw);
  ctx.lineTo(x1 - ux * hl + uy * hw, y1 - uy * hl - ux * hw);
  ctx.closePath();
  ctx.fill();
}

/**
 * Quiver arrows, tails at the grid points, scaled as matplotlib's autoscale
 * does. `get()` returns { xs, ys, uv, scale }: grid coordinates, (u, v)
 * interleaved per point (row-major), and the length per unit magnitude as a
 * fraction of the plot width. Arrows whose vector is not finite are skipped.
 */
export function quiverLayer(get, color = () => cssVar("--ink", "#222")) {
  return (ctx, fig) => {
    const q = get();
    if (!q || !(q.scale > 0)) return;
    const k = q.scale * fig.plot.w;
    const c = color();
    const nx = q.xs.length;
    let drawn = 0;
    for (let j = 0; j < q.ys.length; j++) {
      for (let i = 0; i < nx; i++) {
        const u = q.uv[2 * (j * nx + i)], v = q.uv[2 * (j * nx + i) + 1];
        if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
        const [px, py] = fig.toPx(q.xs[i], q.ys[j]);
        arrow(ctx, px, py, px + u * k, py - v * k, { color: c, width: 1.2, head: 6 });
        drawn++;
      }
    }
    fig.canvas.dataset.arrows = drawn;
  };
}

/** A polyline through (xs[i], ys[i]); gaps where a value is not finite. */
export function curveLayer(get, color = () => cssVar("--accent", "#0b5cad"), width = 2) {
  return (ctx, fig) => {
    const c = get();
    if (!c) return;
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
  };
}

/** A round handle at a data point: the selected point of a figure. */
export function dot(ctx, fig, x, y, { fill = "#d62728", r = 6 } = {}) {
  const [px, py] = fig.toPx(x, y);
  ctx.beginPath();
  ctx.arc(px, py, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#fff";
  ctx.stroke();
}

/**
 * Level curves: `get()` returns { segs, levels, step, through } where segs is
 * [level index, x0, y0, x1, y1] per segment. Lines are white over the
 * heatmap; each level is labelled once, at its middle segment. `through` (a
 * second set of segments) is the curve through the selected point, drawn
 * bolder.
 */
export function contourLayer(get) {
  return (ctx, fig) => {
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
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (const [li, [x, y]] of middle) {
      const label = formatTick(c.levels[li], c.step);
      const w = ctx.measureText(label).width + 6;
      ctx.fillStyle = "rgba(0, 0, 0, 0.55)";
      ctx.fillRect(x - w / 2, y - 7, w, 14);
      ctx.fillStyle = "#fff";
      ctx.fillText(label, x, y);
    }
    if (c.through) {
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = "#fff";
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      for (let k = 0; k < c.through.length; k += 5) {
        const [x0, y0] = fig.toPx(c.through[k + 1], c.through[k + 2]);
        const [x1, y1] = fig.toPx(c.through[k + 3], c.through[k + 4]);
        ctx.moveTo(x0, y0);
        ctx.lineTo(x1, y1);
      }
      ctx.stroke();
    }
    ctx.restore();
  };
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
export class SurfaceView {
  constructor(canvas, getField, opts = {}) {
    this.canvas = canvas;
    this.getField = getField;
    this.opts = { title: "", map: "viridis", maxWidth: 640, n: 48, ...opts };
    this.domain = { xmin: 0, xmax: 4, ymin: 0, ymax: 4 };
    this.azimuth = -0.9;
    this.elevation = 0.6;
    this.overlays = [];
    this.barScratch = document.createElement("canvas");
    canvas.style.touchAction = "none"; // turning by finger takes the gesture
    let last = null;
    canvas.addEventListener("pointerdown", (e) => {
      last = [e.clientX, e.clientY];
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        // Synthetic events cannot be captured; dragging still works.
      }
    });
    canvas.addEventListener("pointermove", (e) => {
      if (!last) return;
      this.turn((e.clientX - last[0]) * 0.01, (e.clientY - last[1]) * 0.01);
      last = [e.clientX, e.clientY];
    });
    const up = () => (last = null);
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", up);
    canvas.addEventListener("keydown", (e) => {
      const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
      if (!d) return;
      e.preventDefault();
      this.turn(d[0] * 0.087, d[1] * 0.087);
    });
  }

  turn(dAz, dEl) {
    this.azimuth = (this.azimuth + dAz) % (2 * Math.PI);
    this.elevation = Math.min(1.5, Math.max(0.05, this.elevation + dEl));
    this.draw();
    this.onTurn?.();
  }

  setDomain(xmin, xmax, ymin, ymax) {
    this.domain = { xmin, xmax, ymin, ymax };
  }

  draw() {
    const f = this.getField();
    const parent = this.canvas.parentElement;
    const w = Math.max(220, Math.min(this.opts.maxWidth, parent.clientWidth || this.opts.maxWidth));
    const h = Math.round(w * 0.78);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    const ctx = this.canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = cssVar("--figure-bg", "#fff");
    ctx.fillRect(0, 0, w, h);
    if (!f) return;
    const { xmin, xmax, ymin, ymax } = this.domain;
    // Read the projected quads as a view of wasm memory (no copy per frame);
    // the loop below makes no call into wasm, so the view stays valid.
    const len = f.surfaceInto(xmin, xmax, ymin, ymax, this.opts.n, this.azimuth, this.elevation, this.opts.map);
    const data = new Float64Array(wasmMemory().buffer, f.bufferPtr(), len);
    const [lo, hi, topX, topY, count] = data.subarray(0, 5);
    const bar = 70;
    const scale = (w - bar) / 3.3;
    const cx = (w - bar) / 2, cy = h / 2 + 8;
    const toPx = (sx, sy) => [cx + sx * scale, cy - sy * scale];
    this.toPx = toPx;
    for (let q = 0, k = 5; q < count; q++, k += 9) {
      const c = data[k + 8] >>> 0;
      const color = `rgb(${c >>> 24}, ${(c >>> 16) & 255}, ${(c >>> 8) & 255})`;
      ctx.beginPath();
      for (let v = 0; v < 4; v++) {
        const [px, py] = toPx(data[k + 2 * v], data[k + 2 * v + 1]);
        if (v === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.closePath();
      ctx.fillStyle = color;
      ctx.strokeStyle = color;
      ctx.lineWidth = 0.6;
      ctx.fill();
      ctx.stroke();
    }
    this.zrange = { lo, hi };
    for (const overlay of this.overlays) overlay(ctx, this);
    const ink = cssVar("--ink", "#222");
    ctx.fillStyle = ink;
    if (this.opts.title) {
      ctx.font = "italic 16px Georgia, 'Times New Roman', serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.fillText(this.opts.title, (w - bar) / 2, 6);
    }
    // Axis directions, so a turned view still says which way x and y run.
    ctx.font = "bold 14px system-ui, sans-serif";
    // Each label at the middle of its edge of the base, pushed outwards.
    const xm = (xmin + xmax) / 2, ym = (ymin + ymax) / 2;
    const axis = core().projectPoints([xm, ymin, lo, xmin, ym, lo, xm, ym, lo], xmin, xmax, ymin, ymax, lo, hi, this.azimuth, this.elevation);
    const [ox, oy] = toPx(axis[4], axis[5]);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (const [name, k] of [["x", 0], ["y", 2]]) {
      const [px, py] = toPx(axis[k], axis[k + 1]);
      const lx = Math.min(w - bar - 10, Math.max(10, px + (px - ox) * 0.35));
      const ly = Math.min(h - 10, Math.max(24, py + (py - oy) * 0.35));
      ctx.fillText(name, lx, ly);
    }
    this.drawColorbar(ctx, w - bar + 14, 30, 16, h - 60, lo, hi, ink);
    const d = this.canvas.dataset;
    const [tx, ty] = toPx(topX, topY);
    d.topX = Math.round(tx * dpr);
    d.topY = Math.round(ty * dpr);
    d.barX = Math.round((w - bar + 22) * dpr);
    d.barTop = Math.round(32 * dpr);
    d.azimuth = this.azimuth;
    d.elevation = this.elevation;
    d.vmin = lo;
    d.vmax = hi;
  }

  drawColorbar(ctx, x, y, w, h, lo, hi, ink) {
    const hDev = Math.round(h * (window.devicePixelRatio || 1));
    const rgba = core().colorbar(this.opts.map, hDev);
    const s = this.barScratch;
    s.width = 1;
    s.height = hDev;
    s.getContext("2d").putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), 1, hDev), 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(s, x, y, w, h);
    ctx.strokeStyle = ink;
    ctx.lineWidth = 1;
    ctx.strokeRect(x, y, w, h);
    if (!(hi > lo)) return;
    const ticks = core().niceTicks(lo, hi, 6);
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : hi - lo;
    ctx.font = FONT;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    for (const t of ticks) {
      const ty = y + ((hi - t) / (hi - lo)) * h;
      ctx.fillText(formatTick(t, step), x + w + 4, ty);
    }
  }

  /** Traces a path through data points (x, y, z triples) on the view. */
  trace(ctx, pts) {
    const { xmin, xmax, ymin, ymax } = this.domain;
    const s = core().projectPoints(pts, xmin, xmax, ymin, ymax, this.zrange.lo, this.zrange.hi, this.azimuth, this.elevation);
    ctx.beginPath();
    for (let k = 0; k < s.length; k += 2) {
      const [px, py] = this.toPx(s[k], s[k + 1]);
      if (k === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
  }

  /** A polyline through data points (x, y, z triples). */
  line(ctx, pts, color, width = 2, dash = []) {
    ctx.save();
    ctx.setLineDash(dash);
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    this.trace(ctx, pts);
    ctx.stroke();
    ctx.restore();
  }

  /** A filled polygon through data points, for the cutting plane. */
  polygon(ctx, pts, fill) {
    this.trace(ctx, pts);
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
  }
}
