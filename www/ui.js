// Inputs that never break the page: each expression box keeps its last good
// value, shows what is wrong beside itself (with a caret under the spot) and
// leaves every other figure alone. Only textContent is ever set from user text.

import { isTrap, restart, onRestart } from "./core.js";

const EXCERPT = 60;

/** Frees a wasm object; after a restart the old instance may refuse, which is fine. */
export function release(obj) {
  try {
    obj?.free?.();
  } catch {
    // Belongs to a replaced instance.
  }
}

/** Shows `err` (a thrown Error, possibly with start/end) under an input. */
export function showError(box, input, err) {
  box.replaceChildren();
  if (!err) {
    box.hidden = true;
    input?.removeAttribute("aria-invalid");
    return;
  }
  box.hidden = false;
  input?.setAttribute("aria-invalid", "true");
  const msg = document.createElement("p");
  msg.className = "msg";
  msg.textContent = String(err.detail ?? err.message ?? err);
  box.append(msg);
  if (input && Number.isInteger(err.start)) {
    // A short window of the input around the problem, with a caret under it.
    const text = Array.from(input.value);
    const from = Math.max(0, err.start - 25);
    const to = Math.min(text.length, from + EXCERPT);
    const shown = (from > 0 ? "…" : "") + text.slice(from, to).join("").replace(/\s/g, " ") + (to < text.length ? "…" : "");
    const pad = err.start - from + (from > 0 ? 1 : 0);
    const width = Math.max(1, Math.min((err.end ?? err.start + 1) - err.start, to - err.start));
    const pre = document.createElement("pre");
    pre.className = "caret";
    pre.setAttribute("aria-hidden", "true");
    pre.textContent = `${shown}\n${" ".repeat(pad)}${"^".repeat(width)}`;
    box.append(pre);
    const where = document.createElement("p");
    where.className = "where";
    where.textContent = `At character ${err.start + 1}.`;
    box.append(where);
  }
}

/**
 * Wires an expression input: `build(text)` makes the object (or throws);
 * `onGood(obj)` receives each new good one. Runs once at start.
 * Returns a handle with `current` (the last good object) and `set(text)`.
 */
export function exprInput(input, box, build, onGood) {
  const state = { current: null, timer: 0 };
  const apply = () => {
    let obj;
    try {
      obj = build(input.value);
    } catch (err) {
      if (isTrap(err)) {
        restart(err);
        return false;
      }
      showError(box, input, err);
      return false;
    }
    showError(box, input, null);
    const old = state.current;
    state.current = obj;
    onGood(obj);
    if (old !== obj) release(old);
    return true;
  };
  // After a restart the old object belongs to a dead instance: rebuild from the text.
  onRestart(() => {
    state.current = null;
    apply();
  });
  input.addEventListener("input", () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(apply, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      clearTimeout(state.timer);
      apply();
    }
  });
  state.apply = apply;
  state.set = (text) => {
    input.value = text;
    return apply();
  };
  apply();
  return state;
}

/** Reads a number input; null (and a message) when it is not a finite number. */
export function readNumber(input) {
  const v = input.valueAsNumber;
  return Number.isFinite(v) ? v : null;
}

/** Formats a value for a readout: up to `digits` significant digits, or "undefined here". */
export function fmt(v, digits = 6) {
  if (typeof v !== "number" || Number.isNaN(v)) return "undefined here";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  return numpyForm(Number.parseFloat(v.toPrecision(digits))).replace("-", "\u2212");
}

/** The full shortest round-trip form of a double, as numpy prints it. */
export function full(v) {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return numpyForm(v);
}

/**
 * The shortest digits of v in numpy's layout: scientific from 1e16 up and
 * below 1e-4 (1.08e+16, 5e-05), positional between; JavaScript's own
 * switches at 1e21 and 1e-7, so 1.08e16 would print as 10800000000000000.
 */
function numpyForm(v) {
  const a = Math.abs(v);
  if (v === 0 || (a >= 1e-4 && a < 1e16)) return String(v);
  return v.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
}

const parser = new DOMParser();

/**
 * Shows MathML made by the core. The string never contains user text
 * (variable names are checked identifiers, numbers are formatted by Rust),
 * and it is parsed into an inert document, then imported: no innerHTML.
 */
export function setMath(el, make) {
  // The core may decline to print a formula (too long to show): say so there.
  let mathml;
  try {
    mathml = typeof make === "function" ? make() : make;
  } catch (err) {
    if (isTrap(err)) throw err;
    el.textContent = String(err.detail ?? err.message);
    return;
  }
  const doc = parser.parseFromString(`<!doctype html><body>${mathml}`, "text/html");
  const node = doc.body.firstElementChild;
  if (node && node.localName === "math") el.replaceChildren(document.importNode(node, true));
}

/**
 * Number inputs for a point, one per variable, rebuilt when the variables
 * change; values are kept by name. `onChange()` runs on every edit.
 */
export function pointInputs(container, defaults, onChange, idPrefix) {
  const values = { ...defaults };
  let names = [];
  const api = {
    setVariables(vars) {
      if (vars.join() === names.join()) return;
      names = [...vars];
      container.replaceChildren(
        ...names.map((n) => {
          const label = document.createElement("label");
          const input = document.createElement("input");
          input.type = "number";
          input.step = "any";
          input.inputMode = "decimal";
          input.id = `${idPrefix}-${n}`;
          input.value = String(values[n] ?? 1);
          input.addEventListener("input", () => {
            if (Number.isFinite(input.valueAsNumber)) values[n] = input.valueAsNumber;
            onChange();
          });
          label.append(`${n} `, input);
          return label;
        }),
      );
    },
    /** The point, or null when a box does not hold a finite number. */
    point() {
      const inputs = container.querySelectorAll("input");
      const p = Array.from(inputs, (i) => i.valueAsNumber);
      return p.every(Number.isFinite) ? p : null;
    },
    set(name, v) {
      values[name] = v;
      const input = container.querySelector(`#${CSS.escape(idPrefix)}-${CSS.escape(name)}`);
      if (input) input.value = String(v);
    },
    names: () => names,
    /** "1,2,3": the point in variable order, for links. */
    text: () => names.map((n) => String(values[n] ?? "")).join(","),
    /** Sets the point from "1,2,3"; returns whether every entry was a number. */
    setText(t) {
      const parts = String(t).split(",").map((v) => Number(v.trim()));
      const ok = parts.length === names.length && parts.every(Number.isFinite);
      if (ok) names.forEach((n, i) => api.set(n, parts[i]));
      onChange();
      return ok;
    },
  };
  return api;
}

/**
 * "Copy link" and "Copy embed link" for a figure. The link also appears in a
 * read-only box, so it can be copied by hand where the clipboard is refused.
 */
export function linkButtons(container, makeLink, makeEmbed) {
  const bar = document.createElement("div");
  bar.className = "links";
  const out = document.createElement("input");
  out.type = "text";
  out.readOnly = true;
  out.className = "link-out";
  out.setAttribute("aria-label", "Link to this figure");
  out.hidden = true;
  const button = (label, make) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", async () => {
      const url = make();
      out.hidden = false;
      out.value = url;
      out.select();
      try {
        await navigator.clipboard.writeText(url);
        b.textContent = "Copied";
      } catch {
        b.textContent = "Select and copy";
      }
      setTimeout(() => (b.textContent = label), 1500);
    });
    return b;
  };
  bar.append(button("Copy link", makeLink), button("Copy embed link", makeEmbed), out);
  container.append(bar);
}
