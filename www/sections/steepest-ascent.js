// Section 4.2, steepest ascent: the directional derivative in every
// direction, the axes turned under a fixed gradient, and the comparison in
// d dimensions.

import { core } from "../core.js";
import { register, inputField } from "../state.js";
import { showError, readNumber, fmt } from "../ui.js";
import { $, HIGHLIGHT, figures, plane, notifyPlane, gradientState } from "../page.js";

const SUBS = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((c) => SUBS[+c]).join("");
import { Figure, cssVar } from "../figure/figure.js";
import { curveLayer, arrow, dot } from "../figure/layers.js";

function setupSteepest() {
  const fig = new Figure($("sa-canvas"), { square: false, xticks: [0, 90, 180, 270, 360], xlabel: "angle of v (degrees, counter-clockwise from +x)", ylabel: "∇f · v", title: "rate of change in each direction" });
  const N = 720;
  let sweep = null;
  fig.layers.push((ctx, fig) => {
    // The zero line, for reading signs.
    const [x0, y0] = fig.toPx(0, 0), [x1] = fig.toPx(360, 0);
    ctx.strokeStyle = cssVar("--rule", "#ccc");
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y0);
    ctx.stroke();
  });
  fig.layers.push(curveLayer(() => sweep));
  fig.trace = () => sweep; // for its description, keys and sound (a11y.js)
  fig.layers.push((ctx, fig) => {
    if (!sweep?.max) return;
    // Every peak of a kink's rates gets a dot (|x| + y: 45° and 135°).
    for (const d of sweep.peaks ?? []) dot(ctx, fig, d, sweep.max[1]);
    const [deg, val] = sweep.max;
    const [px, py] = fig.toPx(deg, val);
    ctx.setLineDash([4, 4]);
    ctx.strokeStyle = HIGHLIGHT;
    ctx.beginPath();
    ctx.moveTo(px, fig.plot.y);
    ctx.lineTo(px, fig.plot.y + fig.plot.h);
    ctx.stroke();
    ctx.setLineDash([]);
    dot(ctx, fig, deg, val);
  });
  const px = $("sa-x"), py = $("sa-y");
  const update = () => {
    const f = plane.f;
    if (!f) return;
    const p = plane.p;
    if (document.activeElement !== px) px.value = String(Number(p[0].toPrecision(6)));
    if (document.activeElement !== py) py.value = String(Number(p[1].toPrecision(6)));
    const g = f.gradient(p);
    const n = f.gradientNorm(p);
    const st = gradientState(f, p, g, n);
    // At a kink the gradient is missing but every one-sided rate exists:
    // the core computes them, and the curve shows them.
    const kink = st.kind === "nondiff";
    const vals = kink ? f.oneSidedSweep(p, N) : f.directionalSweep(p, N);
    const xs = Array.from({ length: N + 1 }, (_, k) => (360 * k) / N);
    const ys = [...vals, vals[0]];
    const ok = Number.isFinite(n) && n > 0;
    let deg = ok ? (((Math.atan2(g[1], g[0]) * 180) / Math.PI) % 360 + 360) % 360 : NaN;
    let top = n;
    let peaks = "";
    let peaksAt = [];
    if (kink) {
      // The largest one-sided rate, read off the curve that is drawn: every
      // angle where it is reached (|x| + y peaks at 45° and 135°; a cone
      // rises at the same rate every way).
      const fin = Array.from(vals).filter(Number.isFinite);
      top = Math.max(...fin);
      const reach = top - 1e-9 * Math.max(1, Math.abs(top)); // "at the top", within rounding
      const flat = Math.min(...fin) >= reach;
      // Where the curve first reaches the top: each peak once.
      const at = xs.slice(0, N).filter((_, k) => vals[k] >= reach && !(vals[(k + N - 1) % N] >= reach));
      deg = at[0] ?? NaN;
      if (!flat) peaksAt = at.slice(1, 4);
      peaks = !fin.length ? "Here f is undefined just beside the point, so no rate can be read."
        : flat ? `The rate is ${fmt(top)} in every direction.` : `The largest, ${fmt(top)}, is at ${at.slice(0, 4).map((d) => `${fmt(d, 5)}°`).join(" and ")}.`;
    }
    const peak = Number.isFinite(top) && (ok || kink);
    sweep = { xs, ys, max: peak ? [deg, top] : null, peaks: peaksAt };
    // At a kink the curve is the one-sided rate, not ∇f · v of any vector.
    fig.opts.ylabel = kink ? "rate Dᵥf" : "∇f · v";
    const span = kink ? Math.max(...vals.map(Math.abs).filter(Number.isFinite), 0) : n;
    const lim = Number.isFinite(span) && span > 0 ? span * 1.15 : 1;
    fig.setDomain(0, 360, -lim, lim);
    fig.canvas.dataset.maxAngle = deg;
    fig.canvas.dataset.gradNorm = n;
    const sayings = {
      ok: `∇f = (${fmt(g[0])}, ${fmt(g[1])}). The largest rate, ${fmt(n)} = |∇f|, is at ${fmt(deg, 5)}° (counter-clockwise from +x), the direction of ∇f; the smallest, −${fmt(n)}, is opposite, and the rate is 0 at right angles to it.`,
      zero: "∇f = (0, 0) here, so the rate of change is 0 in every direction: to first order no way is uphill.",
      infinite: `${st.text} No finite rate describes every direction, so there is no curve to draw.`,
      undefined: `${st.text} With no gradient, no single formula ∇f · v gives the rate of change in every direction.`,
      nondiff: `${st.text} Still, f changes at a definite rate in each direction (one-sided, as you leave the point): that is the curve. It is not a sine wave, as every ∇f · v is, so no single vector gives these rates. ${peaks}`,
      pole: `${st.text} No finite rate describes any direction, so there is no curve to draw.`,
    };
    $("sa-readout").textContent = sayings[st.kind];
    fig.draw();
    drawRotation();
  };
  // A point that is not two finite numbers is refused beside the inputs;
  // the figures keep the last good point.
  const readPoint = () => {
    const x = readNumber(px), y = readNumber(py);
    const bad = [[px, x, "x"], [py, y, "y"]].filter(([, v]) => v === null);
    showError($("sa-point-err"), bad[0]?.[0] ?? px, bad.length ? `${bad.map(([, , n]) => n).join(" and ")} must be ${bad.length > 1 ? "numbers" : "a number"} (a finite decimal such as 0.5); the figures keep the last point.` : null);
    for (const i of [px, py]) {
      if (bad.some(([el]) => el === i)) i.setAttribute("aria-invalid", "true");
      else i.removeAttribute("aria-invalid");
    }
    if (bad.length) return;
    plane.p = [x, y];
    notifyPlane();
  };
  [px, py].forEach((i) => i.addEventListener("input", readPoint));
  plane.listeners.push(update);
  figures.push(fig);

  // Rotate the axes: the gradient turns with the function, the "largest
  // component" choice jumps between axis directions.
  const rot = new Figure($("sa-rot"), { title: "axes turned by φ", xlabel: "", ylabel: "" });
  rot.setDomain(-1.2, 1.2, -1.2, 1.2);
  const slider = $("sa-phi");
  let rotState = null;
  rot.layers.push((ctx, fig) => {
    if (!rotState) return;
    const { phi, g, comp, best } = rotState;
    const [cx, cy] = fig.toPx(0, 0);
    const R = fig.plot.w * 0.42;
    ctx.strokeStyle = cssVar("--muted", "#666");
    ctx.lineWidth = 1;
    ctx.font = "14px system-ui, sans-serif";
    ctx.fillStyle = cssVar("--muted", "#666");
    const labels = ["x′", "y′"];
    for (let a = 0; a < 2; a++) {
      const t = phi + (a * Math.PI) / 2;
      const ex = Math.cos(t), ey = Math.sin(t);
      ctx.beginPath();
      ctx.moveTo(cx - ex * R * 1.1, cy + ey * R * 1.1);
      ctx.lineTo(cx + ex * R * 1.1, cy - ey * R * 1.1);
      ctx.stroke();
      ctx.fillText(labels[a], cx + ex * R * 1.15 + 4, cy - ey * R * 1.15);
    }
    const n = Math.hypot(g[0], g[1]);
    if (!(n > 0)) return;
    const s = R / n;
    arrow(ctx, cx, cy, cx + g[0] * s, cy - g[1] * s, { color: HIGHLIGHT, width: 3, head: 12 });
    ctx.fillStyle = cssVar("--ink", "#222");
    ctx.fillText("∇f", cx + g[0] * s * 1.08 + 4, cy - g[1] * s * 1.08);
    // The axis direction the "largest component" rule would pick.
    const t = phi + (best * Math.PI) / 2;
    const sign = Math.sign(comp[best]) || 1;
    // Dashed and labelled: told apart from the gradient by more than colour.
    arrow(ctx, cx, cy, cx + sign * Math.cos(t) * R * 0.8, cy - sign * Math.sin(t) * R * 0.8, { color: cssVar("--accent", "#0b5cad"), width: 3, head: 12, dash: [6, 4] });
    ctx.fillText("largest", cx + sign * Math.cos(t) * R * 0.88 - 20, cy - sign * Math.sin(t) * R * 0.88 - 8);
  });
  const drawRotation = () => {
    const f = plane.f;
    if (!f) return;
    const g = f.gradient(plane.p);
    const phiDeg = Number(slider.value);
    const phi = (phiDeg * Math.PI) / 180;
    const comp = core().rotateComponents(g[0], g[1], phi);
    const best = Math.abs(comp[1]) > Math.abs(comp[0]) ? 1 : 0;
    rotState = { phi, g, comp, best };
    $("sa-phi-out").textContent = `${phiDeg}°`;
    const st = gradientState(f, plane.p, g);
    const axis = `${Math.sign(comp[best]) < 0 ? "−" : "+"}${best ? "y′" : "x′"}`;
    $("sa-rot-readout").textContent = st.kind === "ok"
      ? `In the turned axes ∇f = (${fmt(comp[0])}, ${fmt(comp[1])}). The largest component (in size) is along ${axis}; the gradient itself has not moved.`
      : `${st.text} Turning the axes changes nothing here: there is no largest component to follow.`;
    rot.draw();
  };
  slider.addEventListener("input", drawRotation);
  figures.push(rot);

  // Beyond two variables.
  const gin = $("sa-grad");
  const compare = () => {
    const parts = gin.value.replace(/[[\]]/g, "").split(/[,\s]+/).filter((s) => s.length);
    const g = parts.map(Number);
    const out = $("sa-compare");
    if (!parts.length || parts.length > 64 || g.some((v) => !Number.isFinite(v))) {
      showError($("sa-grad-err"), gin, { message: "Type the gradient's components as numbers separated by commas, e.g. 5, 2, -1, 0." });
      return;
    }
    showError($("sa-grad-err"), gin, null);
    const [n, i, gi, c] = core().compareSteps(g);
    if (!Number.isFinite(n)) {
      out.textContent = "A zero gradient: no direction increases f to first order.";
      return;
    }
    const theta = (Math.acos(Math.min(1, Math.abs(c))) * 180) / Math.PI;
    // The best single-axis step goes along the axis of the largest
    // component, against it when that component is negative.
    const along = gi < 0 ? `against axis ${i + 1} (−e${sub(i + 1)}, since its component ${fmt(gi, 6)} is negative)` : `along axis ${i + 1} (e${sub(i + 1)}, the largest component, ${fmt(gi, 6)})`;
    const same = Math.abs(gi) === n;
    out.textContent = `A unit step along ∇f changes f by about |∇f| = ${fmt(n, 6)}. The best step along a single axis goes ${along} and changes it by ${same ? "the same amount" : "only"} ${fmt(Math.abs(gi), 6)}: ${same ? "the gradient already points along that axis." : `cos θ = ${fmt(Math.abs(c), 6)}, θ = ${fmt(theta, 4)}° between the two directions.`}`;
  };
  gin.addEventListener("input", compare);
  compare();
  register("sa", [
    inputField("phi", slider, { ok: () => Number.isFinite(slider.valueAsNumber) }),
    inputField("g", gin, { ok: () => $("sa-grad-err").textContent === "" }),
  ]);
  return update;
}

/** Builds the section's figures and wires their inputs. */
export function start() {
  // Only this section's figures need the shared point now; 4.1 has drawn it.
  setupSteepest()();
}
