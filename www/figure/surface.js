// The 3D view of a surface z = f(x, y), drawn from quads that Rust turns,
// projects, sorts and colours.

import { core, wasmMemory } from "../core.js";
import { deferDraw } from "./schedule.js";
import { cssVar, formatTick, FONT } from "./figure.js";

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

  /** Draws now, or at the next start-up task while the page is starting. */
  draw() {
    if (!deferDraw(this)) this.drawNow();
  }

  drawNow() {
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

