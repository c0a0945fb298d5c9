// Start-up draws as a queue of short tasks. While the page starts, a figure
// that asks to draw is only marked dirty; the conductor then draws the dirty
// figures one per task, yielding in between, so the main thread is never
// blocked for long and a figure asked to draw three times (its function,
// then the link's state, then the shared point) draws once. After start-up,
// draws happen at once, as a student's drag needs.

let deferring = false;
const dirty = new Set();

/** True if the draw was queued instead of done now. */
export function deferDraw(fig) {
  if (!deferring) return false;
  dirty.add(fig);
  return true;
}

/** Whether the page is still starting (draws may be coarse, then refined). */
export const starting = () => deferring;

export function setDeferring(on) {
  deferring = on;
}

/** Lets the browser paint and handle input before the next piece of work. */
export function yieldTask() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/**
 * Draws the queued figures, those on screen first, one per task. `onDraw`
 * hears of each figure drawn.
 */
export async function drainDraws(onDraw = () => {}) {
  while (dirty.size) {
    const list = [...dirty];
    const visible = list.find((f) => onScreen(f.canvas));
    const fig = visible ?? list[0];
    dirty.delete(fig);
    const t = performance.now();
    fig.drawNow();
    // `make bench` and the profile read where start-up time goes.
    performance.measure(`draw ${fig.canvas.id}`, { start: t, end: performance.now() });
    onDraw(fig);
    await yieldTask();
  }
}

function onScreen(el) {
  if (el.closest("[hidden]")) return false;
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.width > 0;
}
