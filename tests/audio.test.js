// Sound: each Listen control starts real Web Audio on a click (an
// AudioContext that is running, oscillators that started, a stereo panner)
// and Stop stops it; nothing sounds before; stepping by hand with the arrows
// plays a short tone and reads the value in the live region.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./helpers.js";

const env = useBrowser();

/** Counts what the page does with Web Audio, from the real API. */
function instrument() {
  const log = { contexts: [], started: 0, stopped: 0, panners: 0 };
  window.__audio = log;
  const AC = window.AudioContext;
  window.AudioContext = class extends AC {
    constructor(...a) {
      super(...a);
      log.contexts.push(this);
    }
  };
  const proto = AudioScheduledSourceNode.prototype;
  const start = proto.start, stop = proto.stop;
  proto.start = function (...a) {
    log.started += 1;
    return start.apply(this, a);
  };
  proto.stop = function (...a) {
    log.stopped += 1;
    return stop.apply(this, a);
  };
  const pan = BaseAudioContext.prototype.createStereoPanner;
  BaseAudioContext.prototype.createStereoPanner = function (...a) {
    log.panners += 1;
    return pan.apply(this, a);
  };
}

async function open() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(env.srv.url);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 20000 });
  return { page, context, problems };
}

const audio = (page) => page.evaluate(() => {
  const a = window.__audio;
  return { contexts: a.contexts.length, state: a.contexts[0]?.state ?? null, time: a.contexts[0]?.currentTime ?? 0, started: a.started, stopped: a.stopped, panners: a.panners };
});

test("each Listen control plays a trace through Web Audio and stops", async () => {
  const { page, context, problems } = await open();
  await page.selectOption("#gi-path", "ascent");
  await page.waitForTimeout(800);
  // Nothing sounds until asked.
  assert.equal((await audio(page)).contexts, 0);
  for (const id of ["pd-canvas", "sa-canvas", "gi-path-plot", "gi-both"]) {
    const box = page.locator(`#${id} ~ .listen`);
    const before = await audio(page);
    await page.click(`#${id}-listen`);
    await page.waitForFunction((b) => b.dataset.audio === "playing", await box.elementHandle());
    await page.waitForTimeout(300);
    const playing = await audio(page);
    assert.equal(playing.state, "running", id);
    assert.ok(playing.started > before.started, `${id}: no oscillator started`);
    assert.ok(playing.panners > before.panners, `${id}: no stereo panner`);
    assert.equal(await page.getAttribute(`#${id}-listen`, "aria-pressed"), "true");
    // The cursor follows the sound.
    await page.waitForTimeout(400);
    assert.ok(Number(await page.inputValue(`#${id}-trace`)) > 0, `${id}: the cursor did not move`);
    await page.click(`#${id}-stop`);
    const stopped = await audio(page);
    assert.equal(await box.getAttribute("data-audio"), "stopped");
    assert.ok(stopped.stopped > playing.stopped, `${id}: nothing was stopped`);
    assert.equal(await page.inputValue(`#${id}-trace`), "0");
    assert.equal(await page.getAttribute(`#${id}-listen`, "aria-pressed"), "false");
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("pause, then step by hand: each value sounds and is read out", async () => {
  const { page, context, problems } = await open();
  await page.click("#pd-canvas-listen");
  await page.waitForTimeout(500);
  await page.click("#pd-canvas-listen"); // pause
  assert.equal(await page.getAttribute("#pd-canvas ~ .listen", "data-audio"), "paused");
  const at = Number(await page.inputValue("#pd-canvas-trace"));
  assert.ok(at > 0);
  const before = await audio(page);
  await page.focus("#pd-canvas-trace");
  await page.keyboard.press("ArrowRight");
  assert.equal(Number(await page.inputValue("#pd-canvas-trace")), at + 1);
  const after = await audio(page);
  assert.ok(after.started > before.started, "no tone for the step");
  await page.waitForTimeout(1100);
  assert.match(await page.textContent("#a11y-live"), /^x −?\d.*: f −?\d/);
  assert.match(await page.getAttribute("#pd-canvas-trace", "aria-valuetext"), /^x −?\d.*, f −?\d/);
  // Play resumes from the cursor.
  await page.click("#pd-canvas-listen");
  await page.waitForTimeout(200);
  assert.ok(Number(await page.inputValue("#pd-canvas-trace")) >= at + 1);
  await page.click("#pd-canvas-stop");
  // 4.2: the canvas's own arrows walk the same cursor, with sound once enabled.
  await page.click("#sa-canvas-listen");
  await page.click("#sa-canvas-stop");
  const s0 = await audio(page);
  await page.focus("#sa-canvas");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.inputValue("#sa-canvas-trace"), "10");
  assert.ok((await audio(page)).started > s0.started);
  assert.deepEqual(problems, []);
  await context.close();
});
