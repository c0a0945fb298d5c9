// What every section shares: the figure registry and resize watcher,
// expression and number fields for links, arrow-key and pointer handling,
// and the one function-and-point of sections 4.1 and 4.2. Sections import
// this module and never each other.

import { full } from "./ui.js";
import { inputField } from "./state.js";

export const exprField = (key, el, box) => inputField(key, el, { ok: () => box.textContent === "" });
export const numFields = (ids) => ids.map(([key, id]) => inputField(key, $(id)));

export const $ = (id) => document.getElementById(id);
export const XY = ["x", "y"];
export const XYZ = ["x", "y", "z"];
export const HIGHLIGHT = "#d62728";

/** Every figure, redrawn when the layout width changes. */
export const figures = [];
export function watchResize() {
  let pending = 0;
  let width = document.querySelector("main").clientWidth;
  const redraw = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => figures.forEach((f) => f.draw()));
  };
  // Only a change of width redraws: the first report after start-up, and
  // height changes (a notice appearing), would redraw every figure for nothing.
  new ResizeObserver(([entry]) => {
    const w = entry.contentRect.width;
    if (w !== width) {
      width = w;
      redraw();
    }
  }).observe(document.querySelector("main"));
  // Figures read their colours from CSS: redraw when the scheme changes.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redraw);
}

/** A function's text for a figure title; empty if the core declines to print it. */
export const titleOf = (f) => {
  try {
    return f.toString();
  } catch {
    return "";
  }
};

/** numpy's default print of a float array element: 8 decimals, zeros trimmed. */
export const np8 = (v) => (Number.isFinite(v) ? String(Number(v.toFixed(8))) : full(v)).replace("-", "\u2212");

/** Moves a selected point with the arrow keys: 1/50 of the domain a press. */
export function arrowKeys(fig, get, set) {
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
export function pointerSelect(fig, set) {
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
/** Shared by 4.1 and 4.2: one function of x and y and one selected point. */
export const plane = { f: null, p: [1, 0.5], listeners: [] };
export const notifyPlane = () => plane.listeners.forEach((fn) => fn());
