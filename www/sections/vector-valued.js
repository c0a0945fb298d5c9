// Section 2, vector-valued functions: evaluate f(x, y) = [f1, f2] at a point
// and draw it as a field of arrows.

import { core, onRestart } from "../core.js";
import { register, inputField } from "../state.js";
import { showError, readNumber, full, release, fmt } from "../ui.js";
import { $, XY, figures, np8, numFields } from "../page.js";
import { Figure } from "../figure/figure.js";
import { quiverLayer, showNotice } from "../figure/layers.js";

function setupVectorValued() {
  const comps = [$("vec-f1"), $("vec-f2")];
  const px = $("vec-x"), py = $("vec-y");
  const out = $("vec-out"), fullOut = $("vec-full");
  // Equal aspect, as the quiver plots of the course: an arrow at 45° must
  // point along the grid's diagonal.
  const fig = new Figure($("vec-canvas"), { title: "f(x, y) = [x, sin(y)]" });
  // Half a grid step and an arrow's length beyond ±5, so the outer columns of
  // arrows are drawn whole.
  fig.setDomain(-5.6, 5.6, -5.6, 5.6);
  let field = null;
  let quiver = null;
  fig.layers.push(quiverLayer(() => quiver));
  fig.field = () => field; // for its description and keys (a11y.js)
  const update = () => {
    if (!field) return;
    const p = [readNumber(px), readNumber(py)];
    if (p.some((v) => v === null)) {
      out.textContent = "enter numbers for x and y";
      return;
    }
    const v = field.eval(p);
    $("vec-pt").textContent = p.map(full).join(", ");
    out.textContent = `[${Array.from(v, np8).join(", ")}]`;
    fullOut.textContent = `[${Array.from(v, full).join(", ")}]`;
  };
  const rebuild = () => {
    let next;
    try {
      next = new (core().VectorField)(comps.map((c) => c.value), XY);
    } catch (err) {
      const m = /^Component (\d):/.exec(err.message ?? "");
      const which = m ? Number(m[1]) - 1 : 0;
      showError($("vec-err"), comps[which], err);
      comps.forEach((c, i) => i !== which && c.removeAttribute("aria-invalid"));
      return;
    }
    showError($("vec-err"), comps[0], null);
    comps[1].removeAttribute("aria-invalid");
    release(field);
    field = next;
    const xs = core().linspace(-5, 5, 20), ys = core().linspace(-5, 5, 20);
    const uv = field.grid(-5, 5, 20, -5, 5, 20);
    const [cap, capped] = core().quiverCap(uv);
    quiver = { xs, ys, uv, scale: cap > 0 ? capped : core().quiverScale(uv), cap };
    showNotice(fig.canvas, cap > 0, `Dashed arrows are longer than drawn: near a pole the lengths are capped at ${fmt(cap, 3)} so that the other arrows stay readable.`, "cap");
    const texts = field.components();
    fig.opts.title = `f(x, y) = [${texts.join(", ")}]`;
    fig.draw();
    update();
  };
  let timer = 0;
  comps.forEach((c) => {
    c.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(rebuild, 120);
    });
    c.addEventListener("keydown", (e) => e.key === "Enter" && rebuild());
  });
  [px, py].forEach((i) => i.addEventListener("input", update));
  figures.push(fig);
  onRestart(() => {
    field = null;
    rebuild();
  });
  rebuild();
  const vecOk = () => $("vec-err").textContent === "";
  register("vec", [inputField("f1", comps[0], { ok: vecOk, apply: rebuild }), inputField("f2", comps[1], { ok: vecOk, apply: rebuild }),
    ...numFields([["x", "vec-x"], ["y", "vec-y"]])]);
}

/** Builds the section's figures and wires their inputs. */
export function start() {
  setupVectorValued();
}
