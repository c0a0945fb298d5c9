// The page: loads the wasm core, builds each section's figures and wires
// their inputs. Maths happens in Rust; this file only reads inputs, calls the
// core and draws. When everything has drawn once, <body data-ready="true">.

import init, { ScalarField, Raster } from "./pkg/gradients.js";
import { Figure, heatmapLayer } from "./plot.js";
import { exprInput, showError, readNumber, fmt, full } from "./ui.js";

const $ = (id) => document.getElementById(id);
const XY = ["x", "y"];
const XYZ = ["x", "y", "z"];

/** Redraws every figure when the layout width changes. */
const figures = [];
function watchResize() {
  let pending = 0;
  const ro = new ResizeObserver(() => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => figures.forEach((f) => f.draw()));
  });
  ro.observe(document.querySelector("main"));
}

/** Section 1: an evaluator for f(x, y, z). */
function setupEvaluator() {
  const out = $("eval3-out");
  const pt = $("eval3-pt");
  const inputs = ["eval3-x", "eval3-y", "eval3-z"].map($);
  const box = $("eval3-f-err");
  let f = null;
  const update = (good) => {
    if (good) f = good;
    const p = inputs.map(readNumber);
    if (!f || p.some((v) => v === null)) {
      out.textContent = "enter a number for each of x, y and z";
      return;
    }
    pt.textContent = p.map(full).join(", ");
    out.textContent = full(f.eval(p));
  };
  exprInput($("eval3-f"), box, (t) => new ScalarField(t, XYZ), update);
  inputs.forEach((i) => i.addEventListener("input", () => update()));
}

/** Section 1: the heatmap of f(x, y), editable function and domain. */
function setupHeatmap(memory) {
  const fig = new Figure($("heat-canvas"), { title: "sin(xy)", colorbar: "viridis" });
  const raster = new Raster();
  const readout = $("heat-readout");
  const dom = ["heat-xmin", "heat-xmax", "heat-ymin", "heat-ymax"].map($);
  const domErr = $("heat-domain-err");
  let current = null;
  fig.layers.push(heatmapLayer(raster, memory, () => current));
  const redraw = () => fig.draw();
  fig.setDomain(0, 4, 0, 4);
  exprInput($("heat-f"), $("heat-f-err"), (t) => new ScalarField(t, XY), (f) => {
    current = f;
    fig.opts.title = f.toString();
    redraw();
  });
  const readDomain = () => {
    const [a, b, c, d] = dom.map(readNumber);
    if ([a, b, c, d].some((v) => v === null) || !(a < b) || !(c < d)) {
      showError(domErr, null, { message: "Each range needs two numbers, the first smaller than the second." });
      return;
    }
    showError(domErr, null, null);
    fig.setDomain(a, b, c, d);
    redraw();
  };
  dom.forEach((i) => i.addEventListener("input", readDomain));
  const show = (ev) => {
    const p = fig.eventToData(ev);
    const f = current;
    if (!p || !f) return;
    readout.textContent = `x = ${fmt(p[0], 4)}, y = ${fmt(p[1], 4)}, f = ${fmt(f.eval(p), 6)}`;
  };
  fig.canvas.addEventListener("pointermove", show);
  fig.canvas.addEventListener("pointerdown", show);
  figures.push(fig);
}

async function main() {
  const wasm = await init();
  setupEvaluator();
  setupHeatmap(wasm.memory);
  watchResize();
  $("status").textContent = "";
  $("status").hidden = true;
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  const s = $("status");
  s.hidden = false;
  s.textContent = `The page could not start: ${err?.message ?? err}`;
  console.error(err);
});
