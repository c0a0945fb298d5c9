// Section 1, functions of several variables: the three-variable evaluator
// (the appendix's own example), the heatmap of a two-variable function with
// its value readout, and the same function as a 3D surface.

import { core } from "../core.js";
import { register, save, inputField } from "../state.js";
import { exprInput, readNumber, fmt, full } from "../ui.js";
import { $, exprField, XY, XYZ, figures, titleOf, numFields, domainInputs } from "../page.js";
import { Figure } from "../figure/figure.js";
import { heatmapLayer } from "../figure/layers.js";
import { SurfaceView, viewControls } from "../figure/surface.js";

function setupEvaluator() {
  const out = $("eval3-out");
  const pt = $("eval3-pt");
  const inputs = ["eval3-x", "eval3-y", "eval3-z"].map($);
  let f = null;
  const update = (good) => {
    if (good) f = good;
    const p = inputs.map(readNumber);
    if (!f || p.some((v) => v === null)) {
      out.textContent = "enter a number for each of x, y and z";
      return;
    }
    pt.textContent = p.map(full).join(", ");
    const v = f.eval(p);
    // Where f is undefined, the core says which operation failed and why.
    let why = "";
    if (Number.isNaN(v)) {
      try {
        why = f.nondifferentiableReason(p)?.replace(/^f is undefined here: /, "") ?? "";
      } catch {
        why = "";
      }
    }
    out.textContent = Number.isNaN(v) ? `undefined here: ${why || "the function has no value at this point."}` : full(v);
  };
  exprInput($("eval3-f"), $("eval3-f-err"), (t) => new (core().ScalarField)(t, XYZ), update);
  inputs.forEach((i) => i.addEventListener("input", () => update()));
  register("eval3", [exprField("f", $("eval3-f"), $("eval3-f-err")), ...numFields([["x", "eval3-x"], ["y", "eval3-y"], ["z", "eval3-z"]])]);
}

function setupHeatmap() {
  const fig = new Figure($("heat-canvas"), { title: "sin(x*y)", colorbar: "viridis" });
  const readout = $("heat-readout");
  let current = null;
  fig.layers.push(heatmapLayer(() => current));
  fig.field = () => current; // for its description and keys (a11y.js)
  fig.setDomain(0, 4, 0, 4);
  const surf = new SurfaceView($("surf-canvas"), () => current, { levels: $("surf-levels"), readout: $("surf-readout") });
  viewControls(surf, "surf");
  surf.onTurn = save;
  exprInput($("heat-f"), $("heat-f-err"), (t) => new (core().ScalarField)(t, XY), (f) => {
    current = f;
    fig.opts.title = titleOf(f);
    surf.opts.title = titleOf(f);
    fig.draw();
    surf.draw();
  });
  figures.push(surf);
  const domain = domainInputs("heat", (a, b, c, d) => {
    fig.setDomain(a, b, c, d);
    surf.setDomain(a, b, c, d);
    fig.draw();
    surf.draw();
  });
  const show = (ev) => {
    const p = fig.eventToData(ev);
    if (!p || !current) return;
    readout.textContent = `x = ${fmt(p[0], 4)}, y = ${fmt(p[1], 4)}, f(x, y) = ${fmt(current.eval(p), 6)}`;
  };
  fig.canvas.addEventListener("pointermove", show);
  fig.canvas.addEventListener("pointerdown", show);
  figures.push(fig);
  // The view keeps matplotlib's degrees; links keep the radians they have
  // always had (heat.az, heat.el are a public interface).
  const RAD = Math.PI / 180;
  const angle = (key, prop) => ({
    key,
    get: () => String(Number((surf[prop] * RAD).toFixed(4))),
    set: (v) => {
      surf[prop] = Number(v) / RAD;
      surf.turn(0, 0);
    },
    ok: () => Number.isFinite(surf[prop]),
  });
  register("heat", [exprField("f", $("heat-f"), $("heat-f-err")),
    ...domain.fields,
    angle("az", "azimuth"), angle("el", "elevation"), inputField("levels", $("surf-levels"), { apply: () => surf.draw() })]);
}

/** Builds the section's figures and wires their inputs. */
export function start() {
  setupEvaluator();
  setupHeatmap();
}
