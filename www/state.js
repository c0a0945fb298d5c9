// The only module that reads and writes the page's URL. Each figure
// registers its fields (inputs, or getters and setters); the query string
// holds every value that differs from its default, as `figure.key=value`.
// What each parameter means and accepts is in params.js, the one table.
//
// A link is untrusted input: values are length-capped, checked by the same
// checks that typing uses (params.js), applied through the same inputs a
// student types into (so the core's limits and messages apply), and shown
// only as text. A value the page cannot use falls back to its default, and a
// notice beside its figure names it and says why. `?embed=figure` shows one
// figure alone.
//
// Links are read and written by params.js's parseQuery and encode: a '+' is a
// plus (people type `?gi.f=x^2+y^2`). Links made by earlier versions wrote
// spaces as '+'; a value the page refuses is tried once more that way.

import { PARAMS, param, parseQuery, encode } from "./params.js";
import { core } from "./core.js";

const MAX_VALUE = 1000;
const MAX_QUERY = 8_000;
/** Parameters that are not figure settings: they choose how an embed looks. */
export const EMBED_OPTIONS = ["embed", "controls", "links", "theme"];
const figures = new Map();

/**
 * What checks may ask: the variables of a function (sorted), or null if it
 * does not parse; and what to call a setting of figure `id` (`label`: as its
 * input is labelled, for typing; else as links name it).
 */
const context = (id, label = false) => ({
  name: (key) => (label ? param(id, key)?.label : null) ?? `${id}.${key}`,
  variables(text) {
    try {
      const f = new (core().ScalarField)(String(text ?? ""));
      const v = Array.from(f.variables());
      f.free();
      return v;
    } catch {
      return null;
    }
  },
});

/**
 * Registers a figure's settings for links.
 * @param {string} id  figure id used in links (e.g. "heat")
 * @param {Array<{key: string, get: () => string, set: (v: string) => void, ok: () => boolean,
 *   check?: (value: string, all: object, ctx: object) => string, reason?: () => string,
 *   el?: Element, anchor?: Element}>} fields
 *   `check` defaults to the one in params.js; `reason()` says why `ok()` is false.
 * @param {{anchor?: Element}} [opts]  where this figure's link notices appear (at
 *   its top); by default the panel that holds the field's input.
 */
export function register(id, fields, { anchor = null } = {}) {
  figures.set(id, {
    id,
    anchor,
    fields: fields.map((f) => ({ ...f, name: `${id}.${f.key}`, check: f.check ?? param(id, f.key)?.check ?? null, initial: f.get() })),
  });
}

/** A field bound to an input element; `ok` tells whether the page accepted it. */
export function inputField(key, el, { ok, apply, reason } = {}) {
  // The message the page shows for this input (without its caret line), if it has one.
  const described = () => {
    const box = document.getElementById(el.getAttribute("aria-describedby") ?? "");
    return (box?.querySelector(".msg") ?? box)?.textContent.trim() ?? "";
  };
  return {
    key,
    el,
    get: () => (el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value),
    set: (v) => {
      if (el.type === "checkbox") el.checked = v === "1";
      else el.value = el.type === "number" ? String(v).trim() : v;
      if (apply) apply();
      else {
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    },
    ok: ok ?? (() => el.type !== "number" || Number.isFinite(el.valueAsNumber)),
    // (a checkbox accepts anything: "1" is on, everything else off)
    reason: reason ?? described,
  };
}

/** Every registered setting with the value the page started with (for tests). */
export function registered() {
  return [...figures.values()].flatMap((fig) => fig.fields.map((f) => ({ name: f.name, initial: f.initial })));
}

/** The current values of a figure's fields, by key. */
function values(fig) {
  return Object.fromEntries(fig.fields.map((f) => [f.key, f.get()]));
}

/**
 * Why the page cannot use `value` for `id.key` ("" when it can), with the
 * figure's other values as they are now: the check links use, for typing
 * (naming settings by their inputs' labels, as a sentence).
 */
export function problem(id, key, value) {
  const fig = figures.get(id);
  const field = fig?.fields.find((f) => f.key === key);
  if (!field?.check) return "";
  const v = value ?? field.get();
  const why = field.check(v, { ...values(fig), [key]: v }, context(id, true)) || "";
  return why && !why.endsWith(".") ? `${why}.` : why;
}

// ------------------------------------------------------------ reading links

/** A value for a notice: short, on one line (shown as text only). */
const shown = (v) => {
  const t = String(v).replace(/\s+/g, " ");
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
};

/** The box at the top of `anchor` that holds the link notices placed there. */
function noticeBox(anchor) {
  let box = anchor.querySelector(":scope > .link-notice");
  if (!box) {
    box = document.createElement("div");
    box.className = "link-notice";
    box.setAttribute("role", "status");
    anchor.prepend(box);
  }
  return box;
}

/** Where a field's notices go: its own anchor, the figure's, or its input's panel. */
function anchorOf(fig, field) {
  const panel = (f) => f.el?.closest?.(".panel") ?? null;
  return field.anchor ?? fig.anchor ?? panel(field) ?? fig.fields.map(panel).find(Boolean) ?? null;
}

/**
 * Tries a link's value: the figure's check with `all` as the page will have
 * it, then the page itself (set, ok). Returns "" or the reason it was refused.
 */
function attempt(fig, field, v, pending) {
  const all = { ...values(fig), ...Object.fromEntries(pending), [field.key]: v };
  const why = field.check?.(v, all, context(fig.id));
  if (why) return why;
  field.set(v);
  if (field.ok()) return "";
  return field.reason?.() || "the page could not use it";
}

/** Applies one figure's values from the link; returns the refusals. */
function applyFigure(fig, given) {
  const refused = [];
  const pending = new Map(given);
  const accepted = [];
  const refuse = (field, raw, why) => {
    field.set(field.initial);
    refused.push({ field, raw, why });
  };
  // In registration order: a function before the point that depends on it.
  for (const field of fig.fields) {
    if (!pending.has(field.key)) continue;
    const raw = pending.get(field.key);
    pending.delete(field.key);
    if (raw.length > MAX_VALUE) {
      refused.push({ field, raw, why: `it is ${raw.length} characters long, and at most ${MAX_VALUE} fit` });
      continue;
    }
    let why = attempt(fig, field, raw, pending);
    // Links from earlier versions wrote spaces as '+'.
    if (why && raw.includes("+") && !attempt(fig, field, raw.replaceAll("+", " "), pending)) why = "";
    if (why) refuse(field, raw, why);
    else accepted.push([field, raw]);
  }
  // A value checked against another that was then refused: check again.
  for (const [field, raw] of accepted) {
    const why = field.check?.(field.get(), values(fig), context(fig.id));
    if (why) refuse(field, raw, why);
  }
  return refused;
}

const restored = new Set();

/**
 * Applies the state in the link to the figures in `ids` (sections may start
 * one at a time), or, without `ids`, to every registered figure not yet
 * restored. Notices about a figure's values appear beside that figure.
 * Returns the notices that belong to the whole page (names no figure has, a
 * link too long to read); only the call without `ids` reports those.
 */
export function restore(ids = null) {
  const page = [];
  const search = location.search;
  if (search.length > MAX_QUERY) {
    return ids ? [] : ["This link was too long to read, so the page shows its defaults."];
  }
  const given = new Map();
  for (const [name, raw] of parseQuery(search)) {
    if (EMBED_OPTIONS.includes(name)) continue;
    const dot = name.indexOf(".");
    const id = name.slice(0, dot), key = name.slice(dot + 1);
    const fig = figures.get(id);
    if (fig?.fields.some((f) => f.key === key) || (!fig && param(id, key))) {
      // (A setting of a figure that is not on this page, as in an embed, is skipped.)
      if (!given.has(id)) given.set(id, new Map());
      given.get(id).set(key, raw);
    } else if (!ids) {
      const like = PARAMS.find((p) => p.name.toLowerCase() === name.toLowerCase());
      const hint = like ? ` (did you mean ${like.name}?)` : "";
      page.push(`The link names a setting this page does not have (${shown(name.slice(0, 30))})${hint}; it was ignored.`);
    }
  }
  for (const id of ids ?? [...figures.keys()]) {
    const fig = figures.get(id);
    if (!fig || restored.has(id)) continue;
    restored.add(id);
    if (!given.has(id)) continue;
    for (const { field, raw, why } of applyFigure(fig, given.get(id))) {
      const text = `The link's ${field.name} (${shown(raw)}) was not used: ${why.replace(/\.$/, "")}. Showing the default, ${shown(field.initial)}.`;
      const anchor = anchorOf(fig, field);
      if (!anchor) {
        page.push(text);
        continue;
      }
      const p = document.createElement("p");
      p.dataset.param = field.name;
      p.textContent = text;
      const box = noticeBox(anchor);
      box.append(p);
      // Said once: the notice goes when the reader changes that value.
      field.el?.addEventListener("input", () => {
        p.remove();
        if (!box.childElementCount) box.remove();
      }, { once: true });
    }
  }
  return page;
}

/**
 * What the link asks of an embed: `id` (as written, or null), `controls`
 * and `links` (false for `=none`), `theme` ("light", "dark" or null).
 */
export function embedOptions() {
  const q = new Map(parseQuery(location.search));
  const theme = q.get("theme");
  return {
    id: q.get("embed") ?? null,
    controls: q.get("controls") !== "none",
    links: q.get("links") !== "none",
    theme: theme === "light" || theme === "dark" ? theme : null,
  };
}

/** The figure id to show alone, if the link asks for one that exists. */
export function embedTarget() {
  const id = parseQuery(location.search).find(([k]) => k === "embed")?.[1];
  return id && /^[a-z0-9-]{1,40}$/.test(id) ? id : null;
}

// ------------------------------------------------------------ writing links

/** The query for the current state: `extra` first, then values that differ from defaults. */
function query(extra = []) {
  const pairs = [...extra];
  for (const [, fig] of figures) {
    for (const f of fig.fields) {
      const v = f.get();
      if (v !== f.initial) pairs.push([f.name, v]);
    }
  }
  return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
}

/** The page's address with `search` and `hash`; never ends in a character mailers drop. */
function address(search, hash) {
  const u = new URL(location.href);
  u.search = search;
  u.hash = hash;
  return u.toString().replace(/[.,]$/, (c) => (c === "." ? "%2E" : "%2C"));
}

/** A link to the page in its current state, scrolled to `anchor`. */
export function link(anchor, extra = {}) {
  return address(query(Object.entries(extra)), anchor ? `#${anchor}` : "");
}

let timer = 0;
/** Mirrors the state into the address bar (debounced, no history entries). */
export function save() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const keep = parseQuery(location.search).filter(([k]) => EMBED_OPTIONS.includes(k));
    try {
      history.replaceState(null, "", address(query(keep), location.hash));
    } catch {
      // file:// pages may refuse; the copy-link buttons still work.
    }
  }, 250);
}
