// The only module that reads and writes the page's URL. Each figure
// registers its fields (inputs, or getters and setters); the query string
// holds every value that differs from its default, as `figure.key=value`.
// A link is untrusted input: values are length-capped, applied through the
// same inputs a student types into (so the core's limits and messages
// apply), shown only as text, and any that are refused fall back to their
// defaults with a notice. `?embed=figure` shows one figure alone.

const MAX_VALUE = 1000;
const MAX_QUERY = 8_000;
const figures = new Map();

/**
 * @param {string} id  figure id used in links (e.g. "heat")
 * @param {Array<{key: string, get: () => string, set: (v: string) => void, ok: () => boolean}>} fields
 */
export function register(id, fields) {
  figures.set(id, fields.map((f) => ({ ...f, initial: f.get() })));
}

/** A field bound to an input element; `ok` tells whether the page accepted it. */
export function inputField(key, el, { ok, apply } = {}) {
  return {
    key,
    get: () => (el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value),
    set: (v) => {
      if (el.type === "checkbox") el.checked = v === "1";
      else el.value = v;
      if (apply) apply();
      else {
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    },
    ok: ok ?? (() => el.type !== "number" || Number.isFinite(el.valueAsNumber)),
    // (a checkbox accepts anything: "1" is on, everything else off)
  };
}

/** Query parameters for the current state: only values that differ from defaults. */
function params() {
  const q = new URLSearchParams();
  for (const [id, fields] of figures) {
    for (const f of fields) {
      const v = f.get();
      if (v !== f.initial) q.set(`${id}.${f.key}`, v);
    }
  }
  return q;
}

/** A link to the page in its current state, scrolled to `anchor`. */
export function link(anchor, extra = {}) {
  const q = params();
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const u = new URL(location.href);
  u.search = q.toString();
  u.hash = anchor ? `#${anchor}` : "";
  return u.toString();
}

let timer = 0;
/** Mirrors the state into the address bar (debounced, no history entries). */
export function save() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const u = new URL(location.href);
    const keepEmbed = new URLSearchParams(location.search).get("embed");
    const q = params();
    if (keepEmbed) q.set("embed", keepEmbed);
    u.search = q.toString();
    try {
      history.replaceState(null, "", u);
    } catch {
      // file:// pages may refuse; the copy-link buttons still work.
    }
  }, 250);
}

const restored = new Set();

/**
 * Applies the state in the link to the figures in `ids` (sections start one
 * at a time), or, without `ids`, to every figure not yet restored; only that
 * final call reports names the page does not have. Returns the notices to
 * show (values that were refused and reset to their defaults, or a link that
 * was ignored).
 */
export function restore(ids = null) {
  const notices = [];
  const search = location.search;
  if (search.length > MAX_QUERY) {
    return ids ? [] : ["This link was too long to read, so the page shows its defaults."];
  }
  const q = new URLSearchParams(search);
  for (const [name, raw] of q) {
    if (name === "embed") continue;
    const dot = name.indexOf(".");
    const id = name.slice(0, dot), key = name.slice(dot + 1);
    if (restored.has(id) || (ids && !ids.includes(id))) continue;
    const field = figures.get(id)?.find((f) => f.key === key);
    if (!field) {
      if (!ids) notices.push(`The link names a setting this page does not have (${name.slice(0, 30)}); it was ignored.`);
      continue;
    }
    if (raw.length > MAX_VALUE) {
      notices.push(`The link's value for ${name} was too long; the default is shown.`);
      continue;
    }
    field.set(raw);
    if (!field.ok()) {
      notices.push(`The link's value for ${name} could not be used; the default is shown.`);
      field.set(field.initial);
    }
  }
  for (const id of ids ?? figures.keys()) restored.add(id);
  return notices;
}

/** The figure id to show alone, if the link asks for one that exists. */
export function embedTarget() {
  const id = new URLSearchParams(location.search).get("embed");
  return id && /^[a-z0-9-]{1,40}$/.test(id) ? id : null;
}
