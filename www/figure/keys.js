// The keyboard on figures: arrow keys move a probe or point (Shift for fine
// steps), Home puts it back where it started. Used on the figures that had
// no keys of their own; the sections' own arrow keys stay as they are and
// get Home from `homeKey`.

import { dot } from "./layers.js";

const STEPS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** Home (and End, for symmetry with sliders: nothing) on a canvas: `reset()`. */
export function homeKey(canvas, reset) {
  canvas.addEventListener("keydown", (e) => {
    if (e.key !== "Home") return;
    e.preventDefault();
    reset();
  });
}

/**
 * A keyboard probe on a 2D figure: a ring marks it while it is in use; arrows
 * move it by 1/20 of the domain (Shift: 1/100), clamped to the domain; Home
 * sets it back to the middle. A click or tap places it too. `show(x, y)`
 * writes the readout. Returns { at(): [x, y] | null }.
 */
export function probe(fig, show) {
  let p = null;
  const middle = () => {
    const { xmin, xmax, ymin, ymax } = fig.domain;
    return [(xmin + xmax) / 2, (ymin + ymax) / 2];
  };
  fig.layers.push((ctx) => {
    if (!p) return;
    // A ring, not a colour: dark and light strokes, visible on any band.
    dot(ctx, fig, p[0], p[1], { fill: "transparent", r: 7 });
  });
  const place = (x, y) => {
    p = [x, y];
    fig.canvas.dataset.probe = `${x},${y}`;
    show(x, y);
    fig.draw();
  };
  fig.canvas.addEventListener("keydown", (e) => {
    const d = STEPS[e.key];
    if (!d && e.key !== "Home") return;
    e.preventDefault();
    if (e.key === "Home") {
      place(...middle());
      return;
    }
    const { xmin, xmax, ymin, ymax } = fig.domain;
    const [x, y] = p ?? middle();
    const step = e.shiftKey ? 1 / 100 : 1 / 20;
    place(
      Math.min(xmax, Math.max(xmin, x + d[0] * step * (xmax - xmin))),
      Math.min(ymax, Math.max(ymin, y + d[1] * step * (ymax - ymin))),
    );
  });
  fig.canvas.addEventListener("click", (ev) => {
    const q = fig.eventToData(ev);
    if (q) place(q[0], q[1]);
  });
  return { at: () => p, place };
}

/**
 * Arrow keys step a slider-like value: Left/Down −step, Right/Up +step
 * (Shift: fine), Home → `home`. `set(v)` applies it.
 */
export function stepKeys(canvas, { get, set, step, fine, home, min = -Infinity, max = Infinity, wrap = null }) {
  canvas.addEventListener("keydown", (e) => {
    const d = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 }[e.key];
    if (!d && e.key !== "Home") return;
    e.preventDefault();
    if (e.key === "Home") {
      set(home());
      return;
    }
    let v = get() + d * (e.shiftKey ? fine : step);
    if (wrap !== null) v = ((v % wrap) + wrap) % wrap;
    set(Math.min(max, Math.max(min, v)));
  });
}
