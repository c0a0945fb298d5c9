// An audio trace of a curve, with the Web Audio API and no library. While it
// plays, pitch follows the value (low value, low note) and the stereo
// position follows the horizontal position; a short click marks each zero
// (a mid tick), the maximum (a high tick) and the minimum (a low tick). The
// values and the marks come from the core; the only arithmetic here maps a
// value to a frequency and a position to a pan. Nothing sounds until the
// reader asks: the AudioContext is made on the first press of Listen.

import { core } from "../core.js";
import { announce, num } from "./describe.js";

const DURATION = 4; // seconds for the whole trace
const LOW = 220, HIGH = 880; // Hz for the smallest and largest value
const TICK = { 0: 1400, 1: 2600, 2: 700 }; // click pitch: zero, maximum, minimum
const MARK_WORDS = { 0: "zero", 1: "maximum", 2: "minimum" };

let shared = null;
/** One AudioContext for the page, made on first use (a user gesture). */
function context() {
  if (!shared) shared = new AudioContext();
  return shared;
}

/**
 * A Listen control under `fig`'s canvas. `trace()` returns the current
 * { xs, ys, xname, yname } (xs the horizontal positions, ys the values) or
 * null. `onCursor(k)` (optional) is told where the cursor is.
 * Returns { step(d), set(k), cursor() } for the figure's own keys.
 */
export function listenControl(fig, { trace, what, onCursor = () => {} }) {
  const id = fig.canvas.id;
  const box = document.createElement("div");
  box.className = "listen";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", `Sound: ${what}`);
  const play = document.createElement("button");
  play.type = "button";
  play.id = `${id}-listen`;
  play.textContent = "Listen";
  play.setAttribute("aria-pressed", "false");
  const stop = document.createElement("button");
  stop.type = "button";
  stop.id = `${id}-stop`;
  stop.textContent = "Stop";
  const label = document.createElement("label");
  label.htmlFor = `${id}-trace`;
  label.textContent = "Step along";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.id = `${id}-trace`;
  slider.min = "0";
  slider.value = "0";
  slider.className = "trace";
  box.append(play, stop, label, slider);
  fig.canvas.closest("figure").append(box);

  let voice = null; // { osc, gain, pan, t0, from, n, marks }
  let cursor = 0;
  let raf = 0;
  let enabled = false; // after the first Listen: arrows sound too
  const state = (s) => {
    box.dataset.audio = s;
    play.setAttribute("aria-pressed", String(s === "playing"));
    play.textContent = s === "playing" ? "Pause" : "Listen";
  };
  state("off");

  const current = () => {
    const t = trace();
    if (!t || !t.ys || t.ys.length < 2) return null;
    const marks = core().traceMarks(t.ys);
    let lo = NaN, hi = NaN;
    for (let k = 0; k < marks.length; k += 2) {
      if (marks[k + 1] === 1) hi = t.ys[marks[k]];
      if (marks[k + 1] === 2) lo = t.ys[marks[k]];
    }
    return { ...t, marks, lo, hi, n: t.ys.length };
  };
  // The two mappings this module owns.
  const freq = (c, v) => (c.hi > c.lo ? LOW + ((v - c.lo) / (c.hi - c.lo)) * (HIGH - LOW) : (LOW + HIGH) / 2);
  const panAt = (c, k) => (c.n > 1 ? (2 * k) / (c.n - 1) - 1 : 0);

  const say = (c, k) => {
    const marks = [];
    for (let j = 0; j < c.marks.length; j += 2) if (c.marks[j] === k) marks.push(MARK_WORDS[c.marks[j + 1]]);
    const v = c.ys[k];
    announce(`${c.xname} ${num(c.xs[k])}: ${c.yname} ${num(v)}${marks.length ? `, ${marks.join(" and ")}` : ""}`);
  };
  const setCursor = (k, c) => {
    cursor = k;
    slider.max = String(c.n - 1);
    slider.value = String(k);
    slider.setAttribute("aria-valuetext", `${c.xname} ${num(c.xs[k])}, ${c.yname} ${num(c.ys[k])}`);
    onCursor(k, c);
  };

  const tick = (ctx, when, kind, pan) => {
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.type = "square";
    o.frequency.value = TICK[kind];
    g.gain.setValueAtTime(0.12, when);
    g.gain.exponentialRampToValueAtTime(0.001, when + 0.03);
    o.connect(g).connect(pan);
    o.start(when);
    o.stop(when + 0.035);
  };

  /** A short tone for one value (stepping by hand). */
  const blip = (c, k) => {
    if (!enabled) return;
    const ctx = context();
    const v = c.ys[k];
    const pan = ctx.createStereoPanner();
    pan.pan.value = panAt(c, k);
    pan.connect(ctx.destination);
    if (Number.isFinite(v)) {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = freq(c, v);
      g.gain.setValueAtTime(0.0001, ctx.currentTime);
      g.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + 0.01);
      g.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.18);
      o.connect(g).connect(pan);
      o.start();
      o.stop(ctx.currentTime + 0.2);
    }
    for (let j = 0; j < c.marks.length; j += 2) if (c.marks[j] === k) tick(ctx, ctx.currentTime + 0.01, c.marks[j + 1], pan);
  };

  const halt = () => {
    cancelAnimationFrame(raf);
    if (voice) {
      try {
        voice.osc.stop();
      } catch {
        // Already stopped.
      }
      voice.osc.disconnect();
      voice.gain.disconnect();
      voice.pan.disconnect();
      voice.ticks.forEach((t) => t.disconnect?.());
      voice = null;
    }
  };

  const start = async () => {
    const c = current();
    if (!c) {
      announce("Nothing to play: the curve has no values here.");
      return;
    }
    enabled = true;
    const ctx = context();
    if (ctx.state !== "running") await ctx.resume();
    halt();
    const from = cursor >= c.n - 1 ? 0 : cursor;
    const dt = DURATION / (c.n - 1);
    const t0 = ctx.currentTime + 0.05;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const pan = ctx.createStereoPanner();
    osc.type = "triangle";
    gain.gain.setValueAtTime(0, ctx.currentTime);
    for (let k = from; k < c.n; k++) {
      const at = t0 + (k - from) * dt;
      const v = c.ys[k];
      if (Number.isFinite(v)) {
        osc.frequency.setValueAtTime(freq(c, v), at);
        gain.gain.setValueAtTime(0.18, at);
      } else {
        gain.gain.setValueAtTime(0, at);
      }
      pan.pan.setValueAtTime(panAt(c, k), at);
    }
    const end = t0 + (c.n - 1 - from) * dt;
    gain.gain.setValueAtTime(0, end);
    osc.connect(gain).connect(pan).connect(ctx.destination);
    const ticks = [];
    for (let j = 0; j < c.marks.length; j += 2) {
      if (c.marks[j] < from) continue;
      tick(ctx, t0 + (c.marks[j] - from) * dt, c.marks[j + 1], pan);
    }
    osc.start(t0);
    osc.stop(end + 0.05);
    voice = { osc, gain, pan, ticks };
    box.dataset.started = String(Number(box.dataset.started ?? 0) + 1);
    state("playing");
    announce(`Playing ${what}: ${c.yname} from ${num(c.lo)} (low note) to ${num(c.hi)} (high note); clicks mark zeros, the maximum and the minimum.`);
    osc.onended = () => {
      if (voice?.osc !== osc) return;
      halt();
      state("paused");
    };
    const follow = () => {
      const k = Math.min(c.n - 1, from + Math.max(0, Math.round((ctx.currentTime - t0) / dt)));
      setCursor(k, c);
      if (voice?.osc === osc) raf = requestAnimationFrame(follow);
    };
    raf = requestAnimationFrame(follow);
  };

  play.addEventListener("click", () => {
    if (voice) {
      halt();
      state("paused");
      const c = current();
      if (c) say(c, cursor);
    } else {
      start();
    }
  });
  stop.addEventListener("click", () => {
    halt();
    state("stopped");
    const c = current();
    if (c) setCursor(0, c);
    announce("Stopped.");
  });
  const stepTo = (k) => {
    const c = current();
    if (!c) return;
    if (voice) {
      halt();
      state("paused");
    }
    const kk = Math.min(c.n - 1, Math.max(0, k));
    setCursor(kk, c);
    blip(c, kk);
    say(c, kk);
  };
  slider.addEventListener("input", () => {
    enabled = true;
    stepTo(slider.valueAsNumber);
  });
  // The trace changes with the figure: keep the slider's range in step.
  const sync = () => {
    const c = current();
    if (c) setCursor(Math.min(cursor, c.n - 1), c);
  };
  return { step: (d) => stepTo(cursor + d), set: stepTo, cursor: () => cursor, sync, halt };
}
