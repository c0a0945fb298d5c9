// The one owner of the wasm module. Everything reaches the core through
// `core()`, so that if the module ever traps (a Rust panic or stack overflow
// leaves a wasm-bindgen instance unusable: "recursive use of an object"),
// `restart()` can load a fresh instance and the page can rebuild its objects
// from the text in its inputs. A trap should never happen; this is the
// safety net, and it is tested with the `debugTrap` hook.

let M = null;
let memory = null;
let generation = 0;

export async function load() {
  let mod;
  let exports;
  const inline = globalThis.GRADIENTS_INLINE;
  if (inline) {
    // The single-file build: the glue is a factory (each call a fresh
    // instance) and the wasm bytes are in the page.
    mod = inline.glue();
    exports = await mod.default({ module_or_path: inline.wasm() });
  } else {
    // A new URL gives a new module record, hence a new wasm instance.
    const url = generation === 0 ? "./pkg/gradients.js" : `./pkg/gradients.js?instance=${generation}`;
    mod = await import(url);
    exports = await mod.default();
  }
  M = mod;
  memory = exports.memory;
  generation += 1;
}

export const core = () => M;
export const wasmMemory = () => memory;

/** Whether an error means the instance is broken, not that the input was bad. */
export function isTrap(err) {
  if (err instanceof WebAssembly.RuntimeError) return true;
  const msg = String(err?.message ?? "");
  return /recursive use of an object|unreachable|memory access out of bounds|already borrowed|null pointer passed to rust/i.test(msg);
}

const rebuilders = [];
/** Registers what to redo (re-create objects from inputs, redraw) after a restart. */
export const onRestart = (fn) => rebuilders.push(fn);

let restarting = null;
let restarts = [];

/** Loads a fresh instance, rebuilds everything, and tells the student once. */
export function restart(reason) {
  if (restarting) return restarting;
  const now = Date.now();
  restarts = restarts.filter((t) => now - t < 10_000);
  restarts.push(now);
  const status = document.getElementById("status");
  if (restarts.length > 3) {
    status.classList.remove("quiet");
    status.textContent = "The maths engine keeps failing on this input. Change the last thing you typed, or reload the page.";
    return Promise.resolve();
  }
  console.warn("Gradients: restarting the maths engine after", reason);
  restarting = load()
    .then(() => {
      for (const fn of rebuilders) fn();
      status.classList.remove("quiet");
      status.textContent = "The maths engine hit an internal error and was restarted; the figures have been redrawn.";
    })
    .finally(() => {
      restarting = null;
    });
  return restarting;
}

window.addEventListener("error", (e) => {
  if (isTrap(e.error)) {
    e.preventDefault();
    restart(e.error);
  }
});
window.addEventListener("unhandledrejection", (e) => {
  if (isTrap(e.reason)) {
    e.preventDefault();
    restart(e.reason);
  }
});
