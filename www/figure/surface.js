// The 3D view of z = f(x, y). The core draws everything with pixels in it
// (panes, grid, surface, planes, curves, arrows, points, colour bar) into an
// RGBA buffer with a depth buffer, so what is behind is hidden pixel by
// pixel; this file shows that buffer as an ImageData view of wasm memory (no
// copy) and writes the text over it: tick numbers, axis titles, colour-bar
// numbers, the title. It also wires turning (drag, arrow keys, presets,
// Home), hover/tap read-outs and dragging a linked point.

import { core, wasmMemory } from "../core.js";
import { deferDraw } from "./schedule.js";
import { cssVar, formatTick, barEnds, drawBarEnds } from "./figure.js";
import { sharedScale, peekScale, showNotice, clipText, extendOf } from "./layers.js";

const FONT_PX = 13;
const FONT = (dpr, px = FONT_PX) => `${px * dpr}px system-ui, -apple-system, 'Segoe UI', sans-serif`;

/** matplotlib's default view, and the presets a student can jump to. */
export const VIEWS = {
  default: [-60, 30],
  top: [-90, 90],
  x: [0, 0],
  y: [-90, 0],
};

const reduceMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;

/** A CSS colour as 0xRRGGBBAA, through a 1×1 canvas (the browser parses it). */
const probe = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
const parsed = new Map();
export function rgbaOf(css) {
  if (parsed.has(css)) return parsed.get(css);
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = "#000";
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  // getImageData gives straight (not premultiplied) alpha, as the core wants.
  const c = ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  parsed.set(css, c);
  return c;
}

const VIEW_NAMES = { default: "default", top: "from above", x: "along x", y: "along y" };

/**
 * Puts the preset buttons `<prefix>-view-<name>` at the start of the
 * group `<prefix>-views` and wires them (and the level-curves box).
 */
export function viewControls(view, prefix) {
  const group = document.getElementById(`${prefix}-views`);
  if (group) {
    const label = document.createElement("span");
    label.textContent = "view:";
    const buttons = Object.entries(VIEW_NAMES).map(([name, text]) => {
      const b = document.createElement("button");
      b.type = "button";
      b.id = `${prefix}-view-${name}`;
      b.textContent = text;
      if (name === "default") b.title = "matplotlib's default view (Home key)";
      b.addEventListener("click", () => view.goTo(name));
      return b;
    });
    group.prepend(label, ...buttons);
  }
  view.opts.levels?.addEventListener("change", () => view.draw());
}

/** The box a text drawn at (x, y) with the context's alignment covers. */
function textBox(ctx, text, x, y) {
  const m = ctx.measureText(text);
  const left = x - m.actualBoundingBoxLeft, right = x + m.actualBoundingBoxRight;
  return [left, y - m.actualBoundingBoxAscent, right, y + m.actualBoundingBoxDescent];
}

export class SurfaceView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {() => any} getField the ScalarField shown
   * @param {{title?: string, map?: string, maxWidth?: number, levels?: HTMLInputElement,
   *          point?: {get: () => number[], set: (x: number, y: number) => void},
   *          readout?: HTMLElement, notice?: HTMLElement}} opts
   */
  constructor(canvas, getField, opts = {}) {
    this.canvas = canvas;
    this.getField = getField;
    this.opts = { title: "", map: "viridis", maxWidth: 640, ...opts };
    this.domain = { xmin: 0, xmax: 4, ymin: 0, ymax: 4 };
    [this.azimuth, this.elevation] = VIEWS.default;
    this.overlays = [];
    this.s3 = null;
    this.owner = null;
    this.sampled = ""; // what the core's mesh holds
    this.refined = ""; // ... once refined for the figure's size
    // A finger turns the view with sideways drags and drags the point it
    // lands on; an up or down swipe elsewhere scrolls the page (the browser
    // takes it and cancels the pointer). A mouse or pen turns both ways.
    canvas.style.touchAction = "pan-y pinch-zoom";
    this.wire();
  }

  setDomain(xmin, xmax, ymin, ymax) {
    this.domain = { xmin, xmax, ymin, ymax };
  }

  /** Turns by (dAz, dEl) degrees and redraws on the next frame. */
  turn(dAz, dEl) {
    this.setView(this.azimuth + dAz, this.elevation + dEl);
  }

  setView(az, el) {
    this.azimuth = ((((az + 180) % 360) + 360) % 360) - 180;
    this.elevation = Math.min(90, Math.max(0, el));
    this.draw();
    this.onTurn?.();
  }

  /** Goes to a preset view, animated unless the student prefers less motion. */
  goTo(name) {
    const [az, el] = VIEWS[name];
    cancelAnimationFrame(this.anim);
    if (reduceMotion()) {
      this.setView(az, el);
      return;
    }
    const a0 = this.azimuth, e0 = this.elevation;
    const dA = ((((az - a0 + 180) % 360) + 360) % 360) - 180;
    const t0 = performance.now();
    const step = (t) => {
      const k = Math.min(1, (t - t0) / 300);
      const e = k * k * (3 - 2 * k);
      this.setView(a0 + dA * e, e0 + (el - e0) * e);
      if (k < 1) this.anim = requestAnimationFrame(step);
    };
    this.anim = requestAnimationFrame(step);
  }

  wire() {
    const c = this.canvas;
    let last = null, mode = null, moved = 0, touch = false;
    // Only a cancelled touchstart keeps the browser from scrolling, and only
    // a non-passive listener may cancel it: do so on the point.
    c.addEventListener("touchstart", (e) => {
      if (e.touches.length === 1 && this.nearPoint(e.touches[0])) e.preventDefault();
    }, { passive: false });
    c.addEventListener("pointerdown", (e) => {
      last = [e.clientX, e.clientY];
      moved = 0;
      touch = e.pointerType === "touch";
      mode = this.nearPoint(e) ? "point" : "turn";
      try {
        c.setPointerCapture(e.pointerId);
      } catch {
        // Synthetic events cannot be captured; dragging still works.
      }
    });
    c.addEventListener("pointermove", (e) => {
      if (!last) {
        if (e.pointerType === "mouse") this.readAt(e);
        return;
      }
      const dx = e.clientX - last[0], dy = e.clientY - last[1];
      moved += Math.abs(dx) + Math.abs(dy);
      last = [e.clientX, e.clientY];
      if (mode === "point") {
        const p = this.pickAt(e, 10);
        if (p) this.opts.point.set(p[0], p[1]);
      } else {
        this.interacting = true;
        this.turn(-dx * 0.5, touch ? 0 : dy * 0.5);
      }
    });
    // The end of a drag: the full-resolution frame.
    const settle = () => {
      if (!this.interacting) return;
      this.interacting = false;
      this.draw();
    };
    const up = (e) => {
      // A tap (no drag) reads the surface there: touch has no hover.
      if (last && moved < 4) this.readAt(e);
      last = null;
      mode = null;
      settle();
    };
    c.addEventListener("pointerup", up);
    c.addEventListener("pointercancel", () => {
      last = null;
      settle();
    });
    c.addEventListener("pointerleave", (e) => {
      if (!last && e.pointerType === "mouse") this.showReadout(null);
    });
    c.addEventListener("keydown", (e) => {
      if (e.key === "Home") {
        // A jump, not an animation: the key is a reset, and the next key
        // must start from the default view.
        e.preventDefault();
        cancelAnimationFrame(this.anim);
        this.setView(...VIEWS.default);
        return;
      }
      const d = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, 5], ArrowDown: [0, -5] }[e.key];
      if (!d || e.shiftKey) return; // shift + arrows are left to a linked point
      e.preventDefault();
      this.turn(d[0], d[1]);
    });
  }

  /** Device pixel of a pointer event on the canvas. */
  devicePx(e) {
    const r = this.canvas.getBoundingClientRect();
    const dpr = this.dpr || 1;
    return [(e.clientX - r.left) * dpr, (e.clientY - r.top) * dpr];
  }

  pickAt(e, radiusCss) {
    if (!this.s3) return null;
    const [px, py] = this.devicePx(e);
    const p = this.s3.pick(px, py, radiusCss * (this.dpr || 1));
    return p.length === 2 ? p : null;
  }

  nearPoint(e) {
    const pt = this.opts.point;
    const f = this.getField();
    if (!pt || !f || !this.s3) return false;
    const [x, y] = pt.get();
    const s = this.s3.screenOf(x, y, f.eval([x, y]));
    const [px, py] = this.devicePx(e);
    return Math.hypot(s[0] - px, s[1] - py) < 16 * (this.dpr || 1);
  }

  /** Reads (x, y, f) of the surface under the pointer into the read-out. */
  readAt(e) {
    const p = this.pickAt(e, 6);
    const f = this.getField();
    this.showReadout(p && f ? [p[0], p[1], f.eval(p)] : null);
  }

  showReadout(v) {
    const out = this.opts.readout;
    this.canvas.dataset.hover = v ? v.join(",") : "";
    if (!out) return;
    const fmt = (n) => (Number.isFinite(n) ? String(Number(n.toPrecision(4))).replace("-", "\u2212") : "undefined");
    out.textContent = v ? `On the surface: x = ${fmt(v[0])}, y = ${fmt(v[1])}, f = ${fmt(v[2])}` : "";
  }

  /** The core's figure for this page instance (a restart makes a new one). */
  figure() {
    if (this.owner !== core()) {
      this.s3 = new (core().Surface3d)();
      this.owner = core();
      this.sampled = this.refined = this.refining = "";
    }
    return this.s3;
  }

  /**
   * Samples f when the function or domain changed: a coarse mesh at once
   * (cheap first draw), then, in a later task, the resolution this
   * function needs at this size, the shared colour scale and the aliasing
   * check.
   */
  sample(f, plotPx) {
    const s = this.s3;
    const { xmin, xmax, ymin, ymax } = this.domain;
    const key = `${xmin},${xmax},${ymin},${ymax}`;
    if (this.sampledField !== f || this.sampled !== key) {
      s.setFunction(f, xmin, xmax, ymin, ymax, 16);
      // The shared scale now if a heatmap has already computed it, so even
      // the coarse first mesh is cut at a pole rather than stretched by it.
      this.scale = peekScale(f, this.domain);
      if (this.scale) s.setColourScale(this.scale.lo, this.scale.hi, this.scale.under, this.scale.over);
      this.sampledField = f;
      this.sampled = key;
      this.refined = "";
      this.aliased = false;
      this.generation = (this.generation ?? 0) + 1;
    }
    // What the refined mesh is for: this function and domain, at this size.
    const want = `${this.generation},${Math.round(plotPx / 40)}`;
    this.want = want;
    if (this.refined === want || this.refining === want) return;
    // Three short tasks, each dropped if the function or domain changed
    // meanwhile: the resolution, the shared colour scale, then the new mesh
    // with its scale (together, so no frame mixes one with the other).
    this.refining = want;
    const alive = () => this.want === want && this.getField() === f && this.owner === core();
    const later = (fn) => setTimeout(() => (alive() ? fn() : (this.refining = "")), 0);
    later(() => {
      const [n, aliased] = core().meshResolution(f, xmin, xmax, ymin, ymax, plotPx);
      later(() => {
        const scale = sharedScale(f, this.domain);
        later(() => {
          s.setFunction(f, xmin, xmax, ymin, ymax, n);
          s.setColourScale(scale.lo, scale.hi, scale.under, scale.over);
          this.scale = scale;
          this.refined = want;
          this.refining = "";
          this.aliased = aliased === 1;
          this.canvas.dataset.mesh = n;
          this.draw();
        });
      });
    });
  }

  /** Draws now, or at the next start-up task while the page is starting. */
  draw() {
    if (!deferDraw(this)) this.drawNow();
  }

  drawNow() {
    const t0 = performance.now();
    const f = this.getField();
    const c = this.canvas;
    const parent = c.parentElement;
    let w = Math.max(260, Math.min(this.opts.maxWidth, parent.clientWidth || this.opts.maxWidth));
    // On a phone the colour bar lies under the box, so the box keeps the width.
    const narrow = w < 480;
    const aspect = narrow ? 1.0 : 0.8;
    let h = Math.round(w * aspect);
    // In an embed frame the view also fits the frame's height (same shape).
    if (this.opts.maxHeight && h > this.opts.maxHeight) {
      h = Math.max(120, Math.floor(this.opts.maxHeight));
      w = Math.round(h / aspect);
    }
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    const W = Math.round(w * dpr), H = Math.round(h * dpr);
    if (c.width !== W || c.height !== H) {
      c.width = W;
      c.height = H;
    }
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
    const ctx = c.getContext("2d");
    if (!f) {
      ctx.fillStyle = cssVar("--figure-bg", "#fff");
      ctx.fillRect(0, 0, W, H);
      return;
    }
    const s = this.figure();
    this.sample(f, Math.min(W, H));
    ctx.font = FONT(dpr);
    const titleH = this.opts.title ? 26 * dpr : 6 * dpr;
    // The colour bar: its numbers measured first, so none is ever clipped.
    const [, , clo0, chi0] = s.ranges();
    const barTicks = chi0 > clo0 ? core().niceTicks(clo0, chi0, narrow ? 4 : Math.max(3, Math.floor(h / 70))) : [];
    const barStep = barTicks.length > 1 ? barTicks[1] - barTicks[0] : 1;
    const barText = Array.from(barTicks, (t) => formatTick(t, barStep));
    const barLabelW = Math.max(0, ...barText.map((t) => ctx.measureText(t).width));
    const barW = (narrow ? 10 : 14) * dpr;
    let barRect, boxRect;
    if (narrow) {
      const below = barW + 6 * dpr + FONT_PX * dpr + 8 * dpr;
      const inset = barLabelW / 2 + 6 * dpr;
      barRect = [Math.round(inset), H - below, Math.round(W - 2 * inset), barW];
      boxRect = [0, titleH, W, H - titleH - below];
    } else {
      const barRoom = barW + 10 * dpr + barLabelW + 8 * dpr;
      // matplotlib's colour bar beside a 3D plot: shorter than the figure, centred.
      const barH = Math.round((H - titleH) * 0.7);
      barRect = [W - barRoom, Math.round(titleH + (H - titleH - barH) / 2), barW, barH];
      boxRect = [0, titleH, W - barRoom - 6 * dpr, H - titleH];
    }
    // A clipped scale: arrowheads beyond the bar's clipped ends.
    const ends = barEnds(this.scale, narrow ? barRect[2] : barRect[3]);
    if (narrow) {
      barRect[0] += ends.low;
      barRect[2] -= ends.low + ends.high;
    } else {
      barRect[1] += ends.high;
      barRect[3] -= ends.low + ends.high;
    }
    // While a drag turns the view, frames are drawn at half resolution and
    // scaled up (a quarter of the pixels); the full one follows on release.
    const q = this.interacting ? 0.5 : 1;
    const Wq = Math.round(W * q), Hq = Math.round(H * q);
    s.setSize(Wq, Hq, dpr * q);
    s.setRect(...boxRect.map((v) => v * q));
    s.setBar(...barRect.map((v) => v * q));
    s.setMap(this.opts.map);
    s.setView(this.azimuth, this.elevation);
    s.setLevels(!!this.opts.levels?.checked);
    s.setStyle(rgbaOf(cssVar("--figure-bg", "#fff")), rgbaOf(cssVar("--pane", "#f2f2f2")),
      rgbaOf(cssVar("--pane-grid", "#d6d6d6")), rgbaOf(cssVar("--ink", "#222")));
    // Tick numbers measured before the render, so titles sit beyond them.
    const t = s.ticks();
    const nx = t[0], ny = t[1];
    const axes = [t.subarray(3, 3 + nx), t.subarray(3 + nx, 3 + nx + ny), t.subarray(3 + nx + ny)];
    const steps = axes.map((a) => (a.length > 1 ? a[1] - a[0] : 1));
    const room = Math.max(0, ...axes.flatMap((a, k) => Array.from(a, (v) => ctx.measureText(formatTick(v, steps[k])).width)));
    s.setLabelRoom(room * q, FONT_PX * dpr * q);
    s.clearOverlays();
    for (const overlay of this.overlays) overlay(s, this);
    const count = s.render();
    const labels = s.labels();
    // A fresh view each frame: any allocation in wasm may move memory.buffer.
    const view = new Uint8ClampedArray(wasmMemory().buffer, s.ptr(), s.len());
    if (q === 1) {
      ctx.putImageData(new ImageData(view, W, H), 0, 0);
    } else {
      const sc = (this.scratch ??= document.createElement("canvas"));
      if (sc.width !== Wq || sc.height !== Hq) {
        sc.width = Wq;
        sc.height = Hq;
      }
      sc.getContext("2d").putImageData(new ImageData(view, Wq, Hq), 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(sc, 0, 0, W, H);
    }
    const ink = cssVar("--ink", "#222");
    ctx.fillStyle = ink;
    const names = ["x", "y", "z"];
    const placed = [];
    const boxes = []; // [kind, left, top, right, bottom] of each text drawn, for tests
    for (let k = 0; k < count; k++) {
      const [kind, value, qx, qy, ux, uy] = labels.subarray(6 * k, 6 * k + 6);
      const ax = qx / q, ay = qy / q;
      const title = kind >= 3;
      ctx.font = title ? `bold ${FONT(dpr, 14)}` : FONT(dpr);
      const text = title ? names[kind - 3] : formatTick(value, steps[kind]);
      ctx.textAlign = ux > 0.35 ? "left" : ux < -0.35 ? "right" : "center";
      ctx.textBaseline = uy > 0.35 ? "top" : uy < -0.35 ? "bottom" : "middle";
      // Keep every label whole inside the canvas.
      const tw = ctx.measureText(text).width;
      const left = ctx.textAlign === "left" ? 0 : ctx.textAlign === "right" ? tw : tw / 2;
      const x = Math.min(boxRect[0] + boxRect[2] - (tw - left) - 2, Math.max(left + 2, ax));
      const y = Math.min(boxRect[1] + boxRect[3] - 10 * dpr, Math.max(titleH + 10 * dpr, ay));
      ctx.fillText(text, x, y);
      placed.push(kind);
      boxes.push([kind, ...textBox(ctx, text, x, y)]);
    }
    // Colour-bar numbers.
    ctx.font = FONT(dpr);
    ctx.strokeStyle = ink;
    ctx.lineWidth = dpr;
    ctx.strokeRect(...barRect);
    // The end colours come from the map's strip, fetched only when a
    // clipped end needs them (not on every frame of a drag).
    if (ends.low || ends.high) {
      if (this.strip?.map !== this.opts.map || this.strip.owner !== core()) {
        this.strip = { map: this.opts.map, owner: core(), rgba: core().colorbar(this.opts.map, 256) };
      }
      drawBarEnds(ctx, barRect, narrow, ends, this.strip.rgba, ink);
    }
    const [zlo, zhi, clo, chi] = s.ranges();
    const [bl, bt, bw, bh] = barRect;
    ctx.textAlign = narrow ? "center" : "left";
    ctx.textBaseline = narrow ? "top" : "middle";
    barTicks.forEach((v, k) => {
      const q = (v - clo) / (chi - clo);
      ctx.beginPath();
      if (narrow) {
        const x = bl + q * bw;
        ctx.moveTo(x, bt + bh);
        ctx.lineTo(x, bt + bh + 4 * dpr);
        ctx.stroke();
        ctx.fillText(barText[k], x, bt + bh + 6 * dpr);
        boxes.push(["bar", ...textBox(ctx, barText[k], x, bt + bh + 6 * dpr)]);
      } else {
        const y = bt + (1 - q) * bh;
        ctx.moveTo(bl + bw, y);
        ctx.lineTo(bl + bw + 4 * dpr, y);
        ctx.stroke();
        ctx.fillText(barText[k], bl + bw + 6 * dpr, y);
        boxes.push(["bar", ...textBox(ctx, barText[k], bl + bw + 6 * dpr, y)]);
      }
    });
    if (this.opts.title) {
      // The title shrinks to fit rather than run off a narrow canvas.
      let px = 16;
      ctx.font = `italic ${px * dpr}px Georgia, 'Times New Roman', serif`;
      const room = boxRect[2] - 8 * dpr;
      const tw = ctx.measureText(this.opts.title).width;
      if (tw > room) {
        px = Math.max(10, Math.floor((px * room) / tw));
        ctx.font = `italic ${px * dpr}px Georgia, 'Times New Roman', serif`;
      }
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.fillText(this.opts.title, boxRect[0] + boxRect[2] / 2, 6 * dpr);
    }
    this.showNotice();
    const d = c.dataset;
    const top = s.top();
    d.topX = Math.round(top[0] / q);
    d.topY = Math.round(top[1] / q);
    // A pixel just inside the bar's maximum end (top, or right when lying).
    d.barX = Math.round(narrow ? barRect[0] + barRect[2] - 2 : barRect[0] + barW / 2);
    d.barTop = Math.round(narrow ? barRect[1] + barW / 2 - 2 : barRect[1]);
    d.azimuth = this.azimuth;
    d.elevation = this.elevation;
    d.vmin = clo;
    d.vmax = chi;
    d.zmin = zlo;
    d.zmax = zhi;
    d.labels = placed.join(",");
    // Set once the refined mesh (not the quick first one) is on screen.
    d.refined = this.refined === this.want ? "true" : "false";
    d.domain = this.sampled;
    if (this.sampledField !== this.titled) {
      this.titled = this.sampledField;
      try {
        d.func = f.toString();
      } catch {
        d.func = "";
      }
    }
    d.labelBoxes = JSON.stringify(boxes.map(([k, ...b]) => [k, ...b.map(Math.round)]));
    const pt = this.opts.point?.get();
    if (pt) {
      const sp = s.screenOf(pt[0], pt[1], f.eval(pt));
      d.pointPx = `${Math.round(sp[0] / q)},${Math.round(sp[1] / q)}`;
    }
    d.drawMs = (performance.now() - t0).toFixed(3);
  }

  /** The undersampling notice: visible text next to the figure. */
  showNotice() {
    showNotice(this.canvas, this.aliased,
      "This function varies faster than the mesh can show, so the surface drawn here is not its true shape. Zoom in (a smaller range) to see it.");
    const clipped = !!(this.scale && (this.scale.under || this.scale.over));
    showNotice(this.canvas, clipped, clipText(this.scale, true), "clip");
    this.canvas.dataset.extend = this.scale ? extendOf(this.scale) : "neither";
  }
}
