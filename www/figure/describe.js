// Every figure speaks: an accessible name that says which function and range
// it shows, a description generated from its state (kept up to date as it is
// redrawn), and one polite live region for announcements, throttled so that
// a drag is announced once it settles, never frame by frame.

const THROTTLE_MS = 900; // at most one announcement this often
const SETTLE_MS = 350; // and only once the changes pause this long

let live = null;
let pending = "";
let timer = 0;
let last = 0;
const busy = new Set(); // figures being dragged: announcements wait

/** The page's one announcer (created on first use). */
function liveRegion() {
  if (!live) {
    live = document.createElement("div");
    live.id = "a11y-live";
    live.className = "sr-only";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    document.body.append(live);
  }
  return live;
}

function flush() {
  timer = 0;
  if ([...busy].some((f) => f.dragging)) {
    timer = setTimeout(flush, SETTLE_MS);
    return;
  }
  if (!pending) return;
  const el = liveRegion();
  // Re-setting the same words would not be read again.
  el.textContent = el.textContent === pending ? `${pending}\u00a0` : pending;
  el.dataset.count = String(Number(el.dataset.count ?? 0) + 1);
  pending = "";
  last = performance.now();
}

/** Says `text` politely, once changes settle, at most once per THROTTLE_MS. */
export function announce(text) {
  liveRegion();
  pending = text;
  clearTimeout(timer);
  const wait = Math.max(SETTLE_MS, last + THROTTLE_MS - performance.now());
  timer = setTimeout(flush, wait);
}

/** Numbers as the readouts print them: up to 3 significant decimals, a real minus. */
export function num(v, digits = 3) {
  if (v === null || v === undefined || Number.isNaN(v)) return "undefined";
  if (!Number.isFinite(v)) return v > 0 ? "infinity" : "minus infinity";
  const s = Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toFixed(digits)));
  return s.replace("-", "\u2212");
}

/** Words for a direction given in degrees counter-clockwise from +x. */
export function directionWords(deg) {
  if (!Number.isFinite(deg)) return "with no direction";
  const names = ["to the right", "up and to the right", "up", "up and to the left", "to the left", "down and to the left", "down", "down and to the right"];
  return `pointing ${names[Math.round(deg / 45) % 8]} at ${num(deg, 1)}°`;
}

/**
 * Gives `fig` (a Figure or SurfaceView) a spoken identity: `label()` is its
 * accessible name, `describe()` its description, both recomputed after each
 * draw. The description lives in a visually hidden paragraph that the canvas
 * points to with aria-describedby. Returns an `update()` to call on changes
 * that do not redraw.
 */
export function speak(fig, { label, describe }) {
  liveRegion(); // in the page before anything is said into it
  const canvas = fig.canvas;
  const id = `${canvas.id}-desc`;
  let desc = document.getElementById(id);
  if (!desc) {
    desc = document.createElement("p");
    desc.id = id;
    desc.className = "sr-only";
    canvas.after(desc);
  }
  const mine = canvas.getAttribute("aria-describedby")?.split(/\s+/).filter((t) => t && t !== id) ?? [];
  canvas.setAttribute("aria-describedby", [id, ...mine].join(" "));
  busy.add(fig);
  const update = () => {
    let name = "", text = "";
    try {
      name = label();
      text = describe();
    } catch {
      // A function from a replaced core instance: the next draw will do.
      return;
    }
    if (name && canvas.getAttribute("aria-label") !== name) canvas.setAttribute("aria-label", name);
    if (desc.textContent !== text) desc.textContent = text;
  };
  const drawNow = fig.drawNow.bind(fig);
  fig.drawNow = (...args) => {
    const r = drawNow(...args);
    update();
    return r;
  };
  update();
  return update;
}

/** The readout elements are announced through `announce`, not on every change. */
export function quiet(...els) {
  for (const el of els) el?.setAttribute("aria-live", "off");
}
