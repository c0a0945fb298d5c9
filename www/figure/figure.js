// Figures on canvas: a plot rectangle with axes, ticks, labels, a title and an
// optional colour bar, and layers drawn inside it (heatmap, arrows, markers).
//
// One axis convention, used everywhere: data y points up; canvas y points
// down. `toPx` and `toData` are the only places that convert between them.
// The canvas backing store is sized in device pixels so lines and the
// heatmap stay crisp on high-DPI screens; drawing is done in CSS pixels
// through a scale transform, except the heatmap, which is placed pixel for
// pixel.

import { core } from "../core.js";
import { deferDraw } from "./schedule.js";

export const FONT = "14px system-ui, -apple-system, 'Segoe UI', sans-serif";
const SMALL_FONT = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";

export function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

// Tick labels: as many decimals as the step needs, no float dust.
export function formatTick(v, step) {
  // Very large or tiny values: short scientific notation keeps the margins.
  const big = Math.max(Math.abs(v), Math.abs(step));
  // (Zero among such ticks is "0", as matplotlib prints it, not 0.0e0.)
  if (big >= 1e5 && v === 0) return "0";
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

  /**
   * Sizes the canvas to its container; returns true if the size changed.
   * On a phone the colour bar lies under the plot instead of beside it, so
   * the plot keeps most of the width. Square figures keep equal aspect
   * (one unit of x as long as one of y), as matplotlib's imshow does, within
   * a factor of 2.5 either way so that a strip stays readable.
   */
  fit() {
    const parent = this.canvas.parentElement;
    const avail = Math.max(200, Math.min(this.opts.maxWidth, parent.clientWidth || this.opts.maxWidth));
    const narrow = avail < 560;
    this.narrow = narrow;
    this.font = narrow ? SMALL_FONT : FONT;
    // (An embed may choose: beside the plot leaves it more height in a small square frame.)
    const bar = this.opts.colorbar ? (this.opts.barAt ?? (narrow ? "below" : "right")) : null;
    this.barAt = bar;
    const left = Math.max(narrow ? 34 : 52, (this.yLabelW ?? 0) + (narrow ? 13 : 30));
    const right = bar === "right" ? Math.max(78, 40 + (this.barLabelW ?? 0)) + 12 : narrow ? 8 : 16;
    const m = { left, right, top: this.opts.title ? (narrow ? 30 : 34) : narrow ? 22 : 12, bottom: (narrow ? 40 : 46) + (bar === "below" ? 46 : 0) };
    let plotW = avail - m.left - m.right;
    const { xmin, xmax, ymin, ymax } = this.domain;
    const ratio = this.opts.square ? Math.min(2.5, Math.max(0.4, (ymax - ymin) / (xmax - xmin) || 1)) : 0.62;
    let plotH = Math.round(plotW * ratio);
    // A tall domain keeps its aspect by narrowing, not by outgrowing the
    // screen: the plot is at most three quarters of the window's height.
    const tallest = Math.max(240, Math.round((window.innerHeight || 800) * 0.75) - m.top - m.bottom);
    if (this.opts.square && plotH > tallest) {
      plotH = tallest;
      plotW = Math.round(plotH / ratio);
    }
    // In an embed frame the figure also fits the frame's height.
    if (this.opts.maxHeight && plotH + m.top + m.bottom > this.opts.maxHeight) {
      plotH = Math.max(120, this.opts.maxHeight - m.top - m.bottom);
      if (this.opts.square) plotW = Math.round(plotH / ratio);
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

  /** Draws now, or at the next start-up task while the page is starting. */
  draw() {
    if (!deferDraw(this)) this.drawNow();
  }

  drawNow() {
    // A hidden figure (a path plot with no path, the rest of an embed) is
    // drawn when it is shown: its section draws it then.
    if (this.canvas.closest("[hidden]")) return;
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
    if (this.wantRedraw) {
      this.wantRedraw = false;
      this.drawNow();
      return;
    }
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
    ctx.font = this.font;
    const { xmin, xmax, ymin, ymax } = this.domain;
    const maxX = Math.max(3, Math.floor(p.w / (this.narrow ? 55 : 70)));
    // Angles read best at right angles: a figure may fix its x ticks.
    const xt = this.opts.xticks ?? core().niceTicks(xmin, xmax, maxX);
    const yt = core().niceTicks(ymin, ymax, Math.max(3, Math.floor(p.h / 50)));
    this.canvas.dataset.xticks = xt.length;
    this.canvas.dataset.yticks = yt.length;
    const xstep = xt.length > 1 ? xt[1] - xt[0] : 1;
    const ystep = yt.length > 1 ? yt[1] - yt[0] : 1;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    labelTicks(ctx, Array.from(xt, (t) => [this.toPx(t, ymin)[0], formatTick(t, xstep)]), "x", (x, text) => {
      ctx.beginPath();
      ctx.moveTo(x, p.y + p.h);
      ctx.lineTo(x, p.y + p.h + 5);
      ctx.stroke();
      // The last label keeps inside the canvas ("360" at a phone's edge).
      const half = ctx.measureText(text).width / 2;
      if (text) ctx.fillText(text, Math.min(x, this.css.w - 1 - half), p.y + p.h + 7);
    });
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    let widest = 0;
    labelTicks(ctx, Array.from(yt, (t) => [this.toPx(xmin, t)[1], formatTick(t, ystep)]), "y", (y, text) => {
      ctx.beginPath();
      ctx.moveTo(p.x - 5, y);
      ctx.lineTo(p.x, y);
      ctx.stroke();
      if (text) ctx.fillText(text, p.x - 7, y);
      widest = Math.max(widest, ctx.measureText(text).width);
    });
    this.wantRedraw ||= this.adapt("yLabelW", widest, this.margin.left - (this.narrow ? 13 : 30));
    ctx.font = `bold ${this.font}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    // A long axis title is centred under the plot but kept inside the canvas.
    const titleHalf = ctx.measureText(this.opts.xlabel).width / 2;
    ctx.fillText(this.opts.xlabel, Math.max(titleHalf + 1, Math.min(p.x + p.w / 2, this.css.w - 1 - titleHalf)), p.y + p.h + (this.narrow ? 36 : 42));
    // On a phone the y label sits level above its axis, which leaves the
    // width to the plot; elsewhere it runs up the left edge.
    let titleFrom = 0;
    if (this.narrow) {
      ctx.textAlign = "left";
      ctx.textBaseline = "bottom";
      ctx.fillText(this.opts.ylabel, 2, p.y - 4);
      titleFrom = 2 + ctx.measureText(this.opts.ylabel).width + 8;
    } else {
      ctx.save();
      ctx.translate(12, p.y + p.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = "middle";
      ctx.fillText(this.opts.ylabel, 0, 0);
      ctx.restore();
    }
    if (this.opts.title) {
      // A long title shrinks to fit, down to 11 px, then loses its end.
      const room = this.css.w - titleFrom - 4;
      let size = this.narrow ? 14 : 16;
      const font = (px) => `italic ${px}px Georgia, 'Times New Roman', serif`;
      ctx.font = font(size);
      let title = this.opts.title;
      const wide = ctx.measureText(title).width;
      if (wide > room) {
        size = Math.max(11, Math.floor((size * room) / wide));
        ctx.font = font(size);
        while (title.length > 1 && ctx.measureText(`${title}…`).width > room) title = title.slice(0, -1);
        if (title !== this.opts.title) title += "…";
      }
      ctx.textBaseline = "top";
      ctx.textAlign = "center";
      const half = ctx.measureText(title).width / 2;
      ctx.fillText(title, Math.min(this.css.w - 2 - half, Math.max(p.x + p.w / 2, titleFrom + half)), 8);
    }
  }

  /** The colour bar, beside the plot or (on a phone) under it. */
  drawColorbar(ctx) {
    const p = this.plot;
    const below = this.barAt === "below";
    const bar = below
      ? { x: p.x, y: p.y + p.h + 44, w: p.w, h: 12, n: this.dev.w }
      : { x: p.x + p.w + 18, y: p.y, w: 16, h: p.h, n: this.dev.h };
    // A clipped end gets matplotlib's arrowhead; the bar gives it room.
    const ends = barEnds(this.vrange, below ? bar.w : bar.h);
    if (below) {
      bar.x += ends.low;
      bar.w -= ends.low + ends.high;
    } else {
      bar.y += ends.high;
      bar.h -= ends.low + ends.high;
    }
    const rgba = core().colorbar(this.opts.colorbar, bar.n);
    const img = new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), 1, bar.n);
    const s = this.barScratch;
    if (s.height !== bar.n) {
      s.width = 1;
      s.height = bar.n;
    }
    s.getContext("2d").putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    if (below) {
      // The strip (high value first) turned a quarter clockwise runs from
      // low on the left to high on the right.
      ctx.save();
      ctx.translate(bar.x + bar.w, bar.y);
      ctx.rotate(Math.PI / 2);
      ctx.drawImage(s, 0, 0, bar.h, bar.w);
      ctx.restore();
    } else {
      ctx.drawImage(s, bar.x, bar.y, bar.w, bar.h);
    }
    const ink = cssVar("--ink", "#222");
    ctx.strokeStyle = ink;
    ctx.strokeRect(bar.x, bar.y, bar.w, bar.h);
    drawBarEnds(ctx, [bar.x, bar.y, bar.w, bar.h], below, ends, rgba, ink);
    this.canvas.dataset.bar = [bar.x, bar.y, bar.w, bar.h].map(Math.round).join(",");
    const { lo, hi } = this.vrange;
    ctx.font = this.font;
    ctx.fillStyle = ink;
    ctx.textAlign = below ? "center" : "left";
    ctx.textBaseline = below ? "top" : "middle";
    // Where a value sits along the bar, and where its label goes.
    const at = (t) => (below ? bar.x + ((t - lo) / (hi - lo)) * bar.w : bar.y + ((hi - t) / (hi - lo)) * bar.h);
    const mark = (pos, text) => {
      ctx.beginPath();
      if (below) {
        ctx.moveTo(pos, bar.y + bar.h);
        ctx.lineTo(pos, bar.y + bar.h + 4);
      } else {
        ctx.moveTo(bar.x + bar.w, pos);
        ctx.lineTo(bar.x + bar.w + 4, pos);
      }
      ctx.stroke();
      if (text) ctx.fillText(text, below ? pos : bar.x + bar.w + 6, below ? bar.y + bar.h + 6 : pos);
    };
    let widest = 0;
    if (!(hi > lo)) {
      if (Number.isFinite(lo)) {
        const text = formatTick(lo, Math.abs(lo) / 100 || 1);
        mark(below ? bar.x + bar.w / 2 : bar.y + bar.h / 2, text);
        widest = ctx.measureText(text).width;
      }
    } else {
      const ticks = core().niceTicks(lo, hi, below ? Math.max(3, Math.floor(bar.w / 60)) : Math.max(3, Math.floor(p.h / 50)));
      const step = ticks.length > 1 ? ticks[1] - ticks[0] : hi - lo;
      this.canvas.dataset.barTicks = ticks.length;
      labelTicks(ctx, Array.from(ticks, (t) => [at(t), formatTick(t, step)]), below ? "x" : "y", (pos, text) => {
        mark(pos, text);
        widest = Math.max(widest, ctx.measureText(text).width);
      });
    }
    if (!below) this.wantRedraw ||= this.adapt("barLabelW", widest, this.margin.right - 52);
  }

  /**
   * Margins follow the labels: when a label needs more room than its margin
   * gives (2.0e43 on a colour bar), remember its width and draw once more.
   */
  adapt(key, need, room) {
    if (need <= room) return false;
    this[key] = Math.ceil(need);
    return true;
  }
}

/**
 * Room for the arrowheads of a clipped colour scale (`vrange.under`/`over`)
 * on a bar `length` long: matplotlib's default, 5% of the bar, at least 9 px.
 */
export function barEnds(vrange, length) {
  const tip = Math.max(9, Math.round(0.05 * length));
  return { low: vrange?.under ? tip : 0, high: vrange?.over ? tip : 0 };
}

/**
 * The arrowheads of a clipped colour scale, beyond the bar `[x, y, w, h]`
 * (lying: low end left; upright: low end at the bottom), filled with the end
 * colours of the map's strip `rgba` (high end first) and outlined in `ink`.
 */
export function drawBarEnds(ctx, [x, y, w, h], lying, ends, rgba, ink) {
  const n = rgba.length / 4;
  const colour = (k) => `rgb(${rgba[4 * k]}, ${rgba[4 * k + 1]}, ${rgba[4 * k + 2]})`;
  const heads = [];
  if (ends.high) {
    heads.push([colour(0), lying
      ? [[x + w, y], [x + w + ends.high, y + h / 2], [x + w, y + h]]
      : [[x, y], [x + w / 2, y - ends.high], [x + w, y]]]);
  }
  if (ends.low) {
    heads.push([colour(n - 1), lying
      ? [[x, y], [x - ends.low, y + h / 2], [x, y + h]]
      : [[x, y + h], [x + w / 2, y + h + ends.low], [x + w, y + h]]]);
  }
  ctx.save();
  for (const [fill, pts] of heads) {
    ctx.beginPath();
    pts.forEach(([a, b], k) => (k ? ctx.lineTo(a, b) : ctx.moveTo(a, b)));
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = ink;
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * Draws each tick with `draw(pos, text)`, leaving out the labels that would
 * run into the previous one (every other one, then every third...).
 */
function labelTicks(ctx, ticks, axis, draw) {
  const size = (text) => (axis === "x" ? ctx.measureText(text).width + 8 : 16);
  let every = 1;
  while (every < ticks.length) {
    let clash = false;
    for (let k = every; k < ticks.length; k += every) {
      const [a, ta] = ticks[k - every], [b, tb] = ticks[k];
      if (Math.abs(b - a) < (size(ta) + size(tb)) / 2) clash = true;
    }
    if (!clash) break;
    every += 1;
  }
  ticks.forEach(([pos, text], k) => draw(pos, k % every === 0 ? text : ""));
}

/** Diagonal hatching: what "no data here" looks like under a heatmap. */
