// What every section shares: the figure registry and resize watcher,
// expression and number fields for links, arrow-key and pointer handling,
// and the one function-and-point of sections 4.1 and 4.2. Sections import
// this module and never each other.

import { core } from "./core.js";
import { full, fmt, showError, release } from "./ui.js";
import { inputField, problem } from "./state.js";

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
  let width = null;
  const redraw = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => figures.forEach((f) => f.draw()));
  };
  // Only a change of width redraws: the first report after start-up, and
  // height changes (a notice appearing), would redraw every figure for nothing.
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    if (width === null) width = w;
    else if (w !== width) {
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

/** How near (CSS px) a finger must land to a handle to take hold of it. */
const GRAB = 28;

/**
 * Pointer selection on a figure. A mouse or pen selects and drags anywhere.
 * A finger scrolls the page, as it does everywhere else, unless it lands on
 * the handle (`handle()` gives its position in CSS px within the canvas):
 * then it drags the handle. A tap (a touch that neither scrolled nor moved)
 * places the point. Pinch-zoom stays the browser's.
 */
export function pointerSelect(fig, set, handle = () => null) {
  fig.canvas.style.touchAction = "pan-y pinch-zoom";
  let drag = null; // the pointer dragging, if any
  let tap = null; // where a touch that may be a tap began
  const at = (ev) => {
    const p = fig.eventToData(ev);
    if (p) set(p[0], p[1]);
  };
  const local = (ev) => {
    const r = fig.canvas.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  };
  const onHandle = (xy) => {
    const h = handle();
    return h !== null && Math.hypot(xy[0] - h[0], xy[1] - h[1]) <= GRAB;
  };
  // Only a cancelled touchstart keeps the browser from scrolling, and only
  // a non-passive listener may cancel it.
  fig.canvas.addEventListener("touchstart", (ev) => {
    if (ev.touches.length === 1 && onHandle(local(ev.touches[0]))) ev.preventDefault();
  }, { passive: false });
  fig.canvas.addEventListener("pointerdown", (ev) => {
    if (ev.pointerType === "touch" && !onHandle(local(ev))) {
      tap = { id: ev.pointerId, x: ev.clientX, y: ev.clientY };
      return;
    }
    drag = ev.pointerId;
    fig.dragging = true;
    at(ev);
    try {
      fig.canvas.setPointerCapture(ev.pointerId);
    } catch {
      // Synthetic events have no capturable pointer; dragging still works.
    }
  });
  fig.canvas.addEventListener("pointermove", (ev) => {
    if (ev.pointerId === drag) at(ev);
    else if (tap?.id === ev.pointerId && Math.hypot(ev.clientX - tap.x, ev.clientY - tap.y) > 10) tap = null;
  });
  fig.canvas.addEventListener("pointerup", (ev) => {
    if (tap?.id === ev.pointerId) at(ev);
    tap = null;
    drag = null;
    fig.dragging = false;
  });
  fig.canvas.addEventListener("pointercancel", () => {
    // The browser took the gesture to scroll the page.
    tap = null;
    drag = null;
    fig.dragging = false;
  });
}

/** Shared by 4.1 and 4.2: one function of x and y and one selected point. */
export const plane = { f: null, p: [1, 0.5], listeners: [] };
export const notifyPlane = () => plane.listeners.forEach((fn) => fn());

/**
 * Number inputs `${id}-${key}` of figure `id`, checked as a link's values
 * are (params.js): on each edit the first problem is shown in `box` and
 * marks its input, and `apply(...values)` runs when all are good. Returns
 * `fields` for register() and `read()`: the values, or null (and the
 * message shown) when one is refused.
 */
export function checkedInputs(id, keys, box, apply = () => {}) {
  const inputs = keys.map((k) => $(`${id}-${k}`));
  const read = () => {
    const why = keys.map((k) => problem(id, k));
    inputs.forEach((el, i) => (why[i] ? el.setAttribute("aria-invalid", "true") : el.removeAttribute("aria-invalid")));
    const first = why.find(Boolean);
    showError(box, null, first ? { message: first } : null);
    return first ? null : inputs.map((el) => el.valueAsNumber);
  };
  inputs.forEach((el) => el.addEventListener("input", () => {
    const v = read();
    if (v) apply(...v);
  }));
  return { fields: numFields(keys.map((k) => [k, `${id}-${k}`])), read };
}

/** The four range inputs `${id}-xmin` … `${id}-ymax`, problems in `${id}-domain-err`. */
export const domainInputs = (id, apply) => checkedInputs(id, ["xmin", "xmax", "ymin", "ymax"], $(`${id}-domain-err`), apply);

/**
 * A direction in the plane as the page states every angle: degrees
 * counter-clockwise from +x (the mathematical convention of 4.2's sweep).
 */
export function angleText(dx, dy) {
  const deg = core().directionDegrees(dx, dy);
  const names = ["right", "up and right", "up", "up and left", "left", "down and left", "down", "down and right"];
  return `${deg.toFixed(1)}° counter-clockwise from +x (${names[Math.round(deg / 45) % 8]})`;
}

/**
 * What can be said of the gradient at a point, for every sentence that
 * mentions it: it exists and is non-zero ("ok"), is zero, is infinite, or
 * does not exist because f is undefined or not differentiable there (the
 * core says why).
 */
export function gradientState(f, p, g = f.gradient(p), n = f.gradientNorm(p)) {
  const v = f.eval(p);
  if (Number.isNaN(v)) return { kind: "undefined", text: "f is undefined here, so there is no gradient." };
  // 1/0 is ∞ in floating point (numpy prints inf), but f has no value at a
  // pole, so nothing about its slope can be read there.
  if (!Number.isFinite(v)) return { kind: "pole", text: `f is ${v > 0 ? "+∞" : "−∞"} here in floating point: it has no finite value at this point, so there is no gradient.` };
  if (Array.from(g).some(Number.isNaN)) {
    let why = "";
    try {
      why = f.nondifferentiableReason?.(p) ?? "";
    } catch {
      why = "";
    }
    return { kind: "nondiff", text: why ? `${why[0].toUpperCase()}${why.slice(1)}${why.endsWith(".") ? "" : "."}` : "f is not differentiable here, so there is no gradient." };
  }
  if (Array.from(g).some((c) => !Number.isFinite(c))) return { kind: "infinite", text: "The gradient is infinite here: f is vertical in some direction." };
  if (n === 0) return { kind: "zero", text: "∇f = 0 here: no direction increases f to first order (a peak, a pit, a saddle or a flat spot)." };
  return { kind: "ok", text: "" };
}

/**
 * f from `text` with the variables it names; a constant names none, so it
 * keeps the variables of the function it replaces (`previous`), or x, y, z:
 * "3" in section 3 or 4 is f(x, y, z) = 3, with the same point and ∇f = 0,
 * not a function of nothing.
 */
export function fieldKeepingVariables(text, previous) {
  const f = new (core().ScalarField)(text);
  if (f.variables().length) return f;
  release(f);
  let vars = [];
  try {
    vars = previous?.variables() ?? [];
  } catch {
    // A function from a replaced core instance.
  }
  return new (core().ScalarField)(text, vars.length ? vars : ["x", "y", "z"]);
}
