// Accessibility for each figure, added after its section has started: a name
// that says what is shown, a description kept up to date, keys on every
// canvas (arrows move a probe or point, Shift for fine steps, Home resets),
// click and button alternatives to every drag, and the Listen controls.
// Sections only expose their state (`fig.field`, `fig.trace`); the rest is
// here and in figure/describe.js, figure/keys.js and figure/audio.js.

import { core } from "./core.js";
import { $, figures, titleOf, plane, notifyPlane, arrowKeys, gradientState } from "./page.js";
import { speak, announce, quiet, num, directionWords } from "./figure/describe.js";
import { probe, homeKey, stepKeys } from "./figure/keys.js";
import { listenControl } from "./figure/audio.js";
import { dot, clipText } from "./figure/layers.js";

const byId = (id) => figures.find((f) => f.canvas.id === id);
const fname = (f) => (f ? titleOf(f) || "the function" : "no function yet");
const range = (d) => `x from ${num(d.xmin)} to ${num(d.xmax)} and y from ${num(d.ymin)} to ${num(d.ymax)}`;
const colours = (fig) => (fig.vrange && Number.isFinite(fig.vrange.lo) && !(fig.vrange.hi > fig.vrange.lo)
  ? `f is ${num(fig.vrange.lo)} everywhere shown: one colour throughout.`
  : fig.vrange && Number.isFinite(fig.vrange.lo)
  ? `Values from ${num(fig.vrange.lo)} (dark purple) to ${num(fig.vrange.hi)} (yellow).${fig.vrange.under || fig.vrange.over ? ` ${clipText(fig.vrange)}` : ""}`
  : "No values to colour here.");

/** "Selected point (1, 0.5): f = 0.479, gradient (0.439, 0.878), length 0.981, pointing up and to the right at 63.4°." */
function pointWords(f, p, what = "Selected point") {
  if (!f || !p) return "";
  const v = f.eval(p);
  const g = f.gradient(p);
  const n = f.gradientNorm(p);
  const st = gradientState(f, p, g, n);
  if (st.kind !== "ok" && st.kind !== "zero") return `${what} (${num(p[0])}, ${num(p[1])}): f = ${num(v)}. ${st.text}`;
  const deg = core().directionDegrees(g[0], g[1]);
  const dir = Number.isFinite(deg) ? `, ${directionWords(deg)}` : ": the gradient is zero here, so it points nowhere";
  return `${what} (${num(p[0])}, ${num(p[1])}): f = ${num(v)}, gradient (${num(g[0])}, ${num(g[1])}), length ${num(n)}${dir}.`;
}

/** A cheap-to-call getter for text that some readout shows. */
const text = (id) => $(id)?.textContent ?? "";

/** Single-pointer and keyboard alternatives to turning a 3D view by dragging. */
function turnButtons(view, reset) {
  const box = document.createElement("div");
  box.className = "turn";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Turn the view");
  const STEP = 15; // degrees, as the view's angles
  for (const [label, da, de] of [["Turn left", -STEP, 0], ["Turn right", STEP, 0], ["Tilt up", 0, -STEP / 2], ["Tilt down", 0, STEP / 2], ["Reset view", null, null]]) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", () => (da === null ? reset() : view.turn(da, de)));
    box.append(b);
  }
  view.canvas.closest("figure").append(box);
}

function surfaceView(view, label, extra = () => "") {
  const home = [view.azimuth, view.elevation];
  const reset = () => {
    view.azimuth = home[0];
    view.elevation = home[1];
    view.turn(0, 0);
  };
  homeKey(view.canvas, reset);
  turnButtons(view, reset);
  speak(view, {
    label,
    // The view keeps matplotlib's angles, in degrees.
    describe: () => `${extra()} Seen from ${num(view.azimuth, 0)}° around and ${num(view.elevation, 0)}° above. Arrow keys, a drag or the buttons below turn it; Home resets.`.trim(),
  });
  // Turning is announced once it settles.
  view.canvas.addEventListener("keydown", (e) => e.key?.startsWith("Arrow") && announce(`View turned to ${num(view.azimuth, 0)}° around, ${num(view.elevation, 0)}° above.`));
}

/** A ring on a traced curve at the sample the cursor is on (`at()`, or null). */
function cursorRing(fig, at) {
  fig.layers.push((ctx) => {
    const c = fig.trace(), k = at();
    if (k !== null && c && Number.isFinite(c.ys[k])) dot(ctx, fig, c.xs[k], c.ys[k], { fill: "transparent", r: 7 });
  });
}

const SETUP = {
  functions() {
    const fig = byId("heat-canvas");
    const readout = $("heat-readout");
    quiet(readout);
    const pr = probe(fig, (x, y) => {
      const f = fig.field();
      if (!f) return;
      readout.textContent = `x = ${num(x, 4)}, y = ${num(y, 4)}, f(x, y) = ${num(f.eval([x, y]), 6)}`;
      announce(readout.textContent);
    });
    speak(fig, {
      label: () => `Heatmap of ${fname(fig.field())} for ${range(fig.domain)}`,
      describe: () => `${colours(fig)} ${pointWords(fig.field(), pr.at(), "Probe at") || "Arrow keys move a probe that reads the value; Shift for fine steps, Home for the middle."}`,
    });
    const surf = byId("surf-canvas");
    surfaceView(surf, () => `3D surface of ${fname(surf.getField())} for ${range(surf.domain)}`,
      () => `Height and colour show the value, on the heatmap's scale. ${clipText(surf.scale, true)}`);
  },

  "vector-valued"() {
    const fig = byId("vec-canvas");
    const out = document.createElement("output");
    out.id = "vec-probe";
    fig.canvas.closest("figure").querySelector("figcaption").append(" ", out);
    const words = (p) => {
      const field = fig.field();
      if (!field || !p) return "";
      const v = field.eval(p);
      const deg = core().directionDegrees(v[0], v[1]);
      return `The arrow at (${num(p[0])}, ${num(p[1])}) is f = [${num(v[0])}, ${num(v[1])}], ${directionWords(deg)}.`;
    };
    const pr = probe(fig, (x, y) => {
      out.textContent = words([x, y]);
      announce(out.textContent);
    });
    speak(fig, {
      label: () => `Arrows of the vector field ${fig.opts.title} on a 20 by 20 grid, ${range(fig.domain)}`,
      describe: () => words(pr.at()) || "Arrow keys move a probe that reads the arrow there; Shift for fine steps, Home for the middle.",
    });
  },

  "partial-derivatives"() {
    const fig = byId("pd-canvas");
    quiet($("pd-value"));
    fig.canvas.closest("figure").querySelector("figcaption").id ||= "pd-caption";
    const home = {};
    homeKey(fig.canvas, () => {
      const name = $("pd-var").value;
      const input = $(`pd-p-${name}`);
      if (!input) return;
      home[name] ??= 1;
      input.value = String(home[name]);
      input.dispatchEvent(new Event("input"));
    });
    // Remember where each variable started, for Home.
    for (const input of $("pd-point").querySelectorAll("input")) home[input.id.replace(/^pd-p-/, "")] = input.valueAsNumber;
    const name = () => $("pd-var").value;
    speak(fig, {
      label: () => `Slice of f = ${fname(fig.field())} along ${name()}, with its tangent`,
      describe: () => {
        const s = fig.trace();
        if (!s?.here) return "";
        const fixed = text("pd-fixed");
        const value = text("pd-value");
        // Where the slope does not exist, no tangent is drawn: say why instead.
        const tangent = value.startsWith("none")
          ? `there is no tangent: ${value.replace(/^none at \([^)]*\):\s*/, "").replace(/^./, (c) => c.toLowerCase())}`
          : `the dashed red tangent there has slope ∂f/∂${name()} = ${value}`;
        return `The curve is f as ${name()} runs from ${num(fig.domain.xmin)} to ${num(fig.domain.xmax)}${fixed ? `, ${fixed}` : ""}. The point is at ${name()} = ${num(s.here[0])}, f = ${num(s.here[1])}; ${tangent}${/[.]$/.test(tangent) ? "" : "."} Arrow keys move the point, Shift for fine steps, Home puts it back.`;
      },
    });
    fig.canvas.addEventListener("keydown", (e) => (e.key?.startsWith("Arrow") || e.key === "Home") && announce(`${name()} = ${num(fig.trace()?.here?.[0])}, ∂f/∂${name()} = ${text("pd-value")}`));
    fig.canvas.addEventListener("pointerup", () => announce(`${name()} = ${num(fig.trace()?.here?.[0])}, ∂f/∂${name()} = ${text("pd-value")}`));
    const listen = listenControl(fig, {
      what: "f along the slice",
      trace: () => {
        const s = fig.trace();
        return s && { xs: s.xs, ys: s.ys, xname: name(), yname: "f" };
      },
    });
    const draw = fig.drawNow.bind(fig);
    fig.drawNow = () => {
      draw();
      listen.sync();
    };

    const view = byId("slide-canvas");
    quiet($("slide-readout"));
    surfaceView(view, () => `The surface 9 − x² − y² cut by the plane y = ${$("slide-y").value}, with the tangent line in the x direction at x = ${$("slide-x").value}`,
      () => text("slide-readout"));
  },

  "gradient-intuition"() {
    const heat = byId("gi-heat"), quiv = byId("gi-quiver"), both = byId("gi-both"), pathFig = byId("gi-path-plot");
    quiet($("gi-readout"), $("gi-path-readout"));
    const select = (x, y) => {
      plane.p = [x, y];
      notifyPlane();
      announce(pointWords(plane.f, plane.p, "Point"));
    };
    const HOME = [...plane.p];
    for (const fig of [heat, quiv]) {
      // The selected point on the two small figures too, moved by keys or a click.
      fig.layers.push((ctx) => dot(ctx, fig, plane.p[0], plane.p[1]));
      arrowKeys(fig, () => plane.p, select);
      fig.canvas.addEventListener("click", (ev) => {
        const q = fig.eventToData(ev);
        if (q) select(q[0], q[1]);
      });
    }
    for (const fig of [heat, quiv, both]) homeKey(fig.canvas, () => select(...HOME));
    both.canvas.addEventListener("keydown", (e) => e.key?.startsWith("Arrow") && announce(pointWords(plane.f, plane.p, "Point")));
    both.canvas.addEventListener("pointerup", () => announce(pointWords(plane.f, plane.p, "Point")));
    plane.listeners.push(() => {
      heat.draw();
      quiv.draw();
    });
    const keysHint = "Arrow keys or a click move the point, Shift for fine steps, Home puts it back.";
    speak(heat, {
      label: () => `Heatmap of ${fname(plane.f)} for ${range(heat.domain)}`,
      describe: () => `${colours(heat)} ${pointWords(plane.f, plane.p)} ${keysHint}`,
    });
    speak(quiv, {
      label: () => `Gradient arrows of ${fname(plane.f)} on a 15 by 15 grid, ${range(quiv.domain)}`,
      describe: () => `Arrows point uphill and are longest where f changes fastest.${text("gi-quiver-arrows") ? ` ${text("gi-quiver-arrows")}` : ""} ${pointWords(plane.f, plane.p)} ${keysHint}`,
    });
    speak(both, {
      label: () => `Heatmap of ${fname(plane.f)} with its gradient arrows${$("gi-contours").checked ? " and level curves" : ""}, ${range(both.domain)}`,
      describe: () => `${colours(both)} ${pointWords(plane.f, plane.p)} ${both.canvas.dataset.arrowPx > 0 ? "The gradient at the point is the outlined red arrow." : "No arrow is drawn at the point."}${both.canvas.dataset.throughCurves > 0 ? " The dashed curve is the level curve through it." : ""}${$("gi-path").value !== "none" ? ` An orange path of gradient ${$("gi-path").value} starts there.` : ""} ${keysHint}`,
    });
    const surf = byId("gi-surf");
    surfaceView(surf, () => `3D surface of ${fname(plane.f)} for ${range(surf.domain)}, with the selected point and its gradient in the floor`,
      () => `${pointWords(plane.f, plane.p)} ${clipText(surf.scale, true)}`);
    // Listen along the horizontal line through the point, y = y0.
    const N = 201;
    const line = () => {
      const f = plane.f;
      if (!f) return null;
      const { xmin, xmax } = both.domain;
      return { xs: core().linspace(xmin, xmax, N), ys: f.slice(plane.p, "x", xmin, xmax, N), xname: "x", yname: "f" };
    };
    const lineListen = listenControl(both, { what: `f along the line y = y₀ through the point`, trace: line });
    plane.listeners.push(() => lineListen.sync());
    lineListen.sync();

    const pathOut = document.createElement("output");
    pathOut.id = "gi-path-probe";
    pathFig.canvas.closest("figure").querySelector("figcaption").append(" ", pathOut);
    speak(pathFig, {
      label: () => `f at each step of the gradient ${$("gi-path").value === "none" ? "" : `${$("gi-path").value} `}path of ${fname(plane.f)}`,
      describe: () => `${text("gi-path-readout")} ${pathOut.textContent || "Arrow keys step along the path, Home goes back to the start."}`,
    });
    const trace = () => {
      const c = pathFig.trace();
      return c && { xs: c.xs, ys: c.ys, xname: "step", yname: "f" };
    };
    let at = null;
    cursorRing(pathFig, () => at);
    const pathListen = listenControl(pathFig, {
      what: "f along the path",
      trace,
      onCursor: (k, c) => {
        at = k;
        pathOut.textContent = `Step ${c.xs[k]}: f = ${num(c.ys[k], 6)}.`;
        pathFig.draw();
      },
    });
    stepKeys(pathFig.canvas, { get: () => pathListen.cursor(), set: (k) => pathListen.set(k), step: 1, fine: 1, home: () => 0 });
    plane.listeners.push(() => pathListen.sync());
  },

  "steepest-ascent"() {
    const fig = byId("sa-canvas"), rot = byId("sa-rot");
    quiet($("sa-readout"), $("sa-rot-readout"));
    const out = document.createElement("output");
    out.id = "sa-probe";
    fig.canvas.closest("figure").querySelector("figcaption").append(" ", out);
    let at = null;
    cursorRing(fig, () => at);
    const listen = listenControl(fig, {
      what: "the rate of change in each direction",
      trace: () => {
        const s = fig.trace();
        return s && { xs: s.xs, ys: s.ys, xname: "angle", yname: "rate" };
      },
      onCursor: (k, c) => {
        at = k;
        out.textContent = `Direction ${num(c.xs[k], 1)}°: ∇f · v = ${num(c.ys[k], 4)}.`;
        fig.draw();
      },
    });
    // Arrows walk the angle: 5° a press (Shift: 1°); Home goes to 0°.
    stepKeys(fig.canvas, { get: () => listen.cursor(), set: (k) => listen.set(k), step: 10, fine: 2, home: () => 0 });
    plane.listeners.push(() => listen.sync());
    speak(fig, {
      label: () => `Rate of change of ${fname(plane.f)} at (${num(plane.p[0])}, ${num(plane.p[1])}) in each direction, against the direction's angle from 0° to 360°`,
      describe: () => `${text("sa-readout")} ${at !== null ? out.textContent : "Arrow keys walk the angle, Shift for 1° steps, Home goes to 0°."}`,
    });

    const slider = $("sa-phi");
    stepKeys(rot.canvas, {
      get: () => slider.valueAsNumber,
      set: (v) => {
        slider.value = String(v);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        announce(`${slider.value}°. ${text("sa-rot-readout")}`);
      },
      step: 5,
      fine: 1,
      home: () => 0,
      min: 0,
      max: 360,
      wrap: 360,
    });
    speak(rot, {
      label: () => `Gradient of ${fname(plane.f)} at (${num(plane.p[0])}, ${num(plane.p[1])}) drawn in axes turned by ${slider.value}°`,
      describe: () => `${text("sa-rot-readout")} The gradient is the solid red arrow marked ∇f; the axis the largest component picks is the dashed blue arrow marked "largest". Arrow keys turn the axes by 5°, Shift by 1°, Home back to 0°.`,
    });
  },
};

/**
 * A formula in running text that is wider than a narrow screen scrolls
 * sideways; such a scrolling region must be reachable by keyboard
 * (WCAG 2.1.1, axe scrollable-region-focusable). Kept in step with the width.
 */
function focusableOverflow() {
  const mark = () => {
    for (const m of document.querySelectorAll("p math")) {
      if (m.scrollWidth > m.clientWidth + 1) {
        m.tabIndex = 0;
        if (!m.hasAttribute("aria-label") && !m.hasAttribute("role")) m.setAttribute("role", "math");
      } else if (m.hasAttribute("tabindex")) {
        m.removeAttribute("tabindex");
      }
    }
  };
  let pending = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  }).observe(document.querySelector("main"));
  mark();
}

let started = false;
/** Adds the accessibility of a section's figures once the section has started. */
export function enhance(section) {
  if (!started) {
    started = true;
    focusableOverflow();
  }
  SETUP[section]?.();
}
