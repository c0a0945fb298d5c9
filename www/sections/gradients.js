// Section 4, gradients: the gradient as a column of partials, the notation
// table made live, and the exact values beside central differences.

import { core } from "../core.js";
import { register } from "../state.js";
import { exprInput, fmt, full, setMath, pointInputs, release } from "../ui.js";
import { $, exprField, titleOf, gradientState, fieldKeepingVariables } from "../page.js";
import { practiceBox } from "../quiz.js";

function setupGradients() {
  let f = null;
  const point = pointInputs($("gr-point"), { x: 1, y: 2, z: 3 }, () => update(), "gr-p");
  const update = () => {
    if (!f) return;
    const p = point.point();
    if (!p) return;
    const vars = f.variables();
    const g = f.gradient(p);
    const h = 1e-5;
    const cd = f.centralDifference(p, h);
    const first = vars[0] ?? "x";
    const d = vars.length;
    $("gr-maps-partial").textContent = `ℝ${sup(d)} → ℝ`;
    $("gr-maps-grad").textContent = `ℝ${sup(d)} → ℝ${sup(d)}`;
    $("gr-op-partial").textContent = `∂/∂${first}`;
    // The "derivative" row: the ordinary derivative of f as a function of
    // the first variable alone, the others frozen at the point's values.
    const others = vars.slice(1).map((v, i) => `${v} = ${fmt(p[i + 1], 6)}`);
    $("gr-fn-deriv").textContent = others.length
      ? `d/d${first} of the one-variable function ${first} ↦ f(${vars.join(", ")}) with ${others.join(", ")} held fixed; it equals ∂f/∂${first}, the row below, because a partial derivative is exactly this`
      : `f′(${first}): with one variable the derivative and the partial derivative are the same thing`;
    if (vars.length) {
      const part = f.partial(first);
      setMath($("gr-fn-partial"), () => part.toMathML());
      release(part);
    }
    $("gr-val-deriv").textContent = fmt(g[0], 8);
    $("gr-val-partial").textContent = fmt(g[0], 8);
    $("gr-val-grad").textContent = `[${Array.from(g, (v) => fmt(v, 8)).join(", ")}]`;
    const rows = vars.map((v, i) => {
      const tr = document.createElement("tr");
      const cells = [`∂f/∂${v}`, full(g[i]), full(cd[i]), fmt(Math.abs(cd[i] - g[i]), 3)];
      for (const c of cells) {
        const td = document.createElement("td");
        td.textContent = c;
        tr.append(td);
      }
      return tr;
    });
    $("gr-fd-body").replaceChildren(...rows);
    $("gr-at").textContent = `(${p.map((v) => fmt(v, 6)).join(", ")})`;
    // Where the gradient does not exist the table's NaNs get a reason.
    const st = gradientState(f, p, g);
    $("gr-why").textContent = st.kind === "ok" || st.kind === "zero" ? "" : st.text;
  };
  // Practice: the whole gradient, typed before looking at the column.
  const resetPractice = practiceBox({
    input: $("gr-answer"),
    button: $("gr-answer-check"),
    show: $("gr-answer-show"),
    feedback: $("gr-answer-feedback"),
    answer: $("gr-column-row"),
    check: (text) => f.checkGradient(text, point.point() ?? []),
  });
  let asked = "";
  exprInput($("gr-f"), $("gr-f-err"), (t) => fieldKeepingVariables(t, f), (g) => {
    f = g;
    if (titleOf(g) !== asked) resetPractice();
    asked = titleOf(g);
    point.setVariables(g.variables());
    setMath($("gr-column"), () => g.gradientMathML());
    update();
  });
  register("gr", [
    exprField("f", $("gr-f"), $("gr-f-err")),
    { key: "p", get: () => point.text(), set: (t) => point.setText(t), ok: () => point.point() !== null },
  ]);
}

const SUPS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (n) => (n === 1 ? "" : String(n).split("").map((c) => SUPS[+c]).join(""));

/** Builds the section's figures and wires their inputs. */
export function start() {
  setupGradients();
}
