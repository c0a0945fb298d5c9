// Start-up as a student meets it: a fresh browser per run (no wasm code
// cache, no HTTP cache), the CPU slowed 4× through the DevTools protocol the
// way Lighthouse's mobile preset emulates a phone, and the same at normal
// speed. Prints medians of 5: time to the first figure, to data-ready, the
// longest task, and total blocking time until data-ready; then the longest
// task while the 4.1 point is dragged. Part of `make bench`.
import { serve, launch } from "../tests/helpers.js";

const RUNS = Number(process.env.RUNS ?? 5);
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

/** Long tasks from the start of navigation, recorded by the page itself. */
const OBSERVE = () => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
};

async function once(url, rate, viewport) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport, deviceScaleFactor: viewport.width < 500 ? 3 : 1, hasTouch: viewport.width < 500 });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 60_000 });
    await page.waitForTimeout(300);
    const r = await page.evaluate(() => {
      const ready = +document.body.dataset.readyMs;
      const first = performance.getEntriesByName("first-figure")[0]?.startTime ?? NaN;
      const tasks = window.__long.filter(([t]) => t <= ready);
      return {
        first,
        ready,
        longest: Math.max(0, ...window.__long.map(([, d]) => d)),
        tbt: tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
      };
    });
    // Drag the 4.1 point across its figure for a while.
    await page.locator("#gi-both").scrollIntoViewIfNeeded();
    await page.evaluate(() => (window.__long = []));
    const box = await page.locator("#gi-both").boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    for (let k = 0; k <= 40; k++) await page.mouse.move(box.x + box.width * (0.3 + k * 0.01), box.y + box.height * (0.5 - k * 0.005));
    await page.mouse.up();
    await page.waitForTimeout(200);
    r.drag = await page.evaluate(() => Math.max(0, ...window.__long.map(([, d]) => d)));
    return r;
  } finally {
    await browser.close();
  }
}

export async function startup(url, label = "index.html") {
  const rows = [];
  for (const [rate, viewport, name] of [
    [4, { width: 375, height: 740 }, "CPU 4×, phone 375 px"],
    [1, { width: 1280, height: 900 }, "normal speed, 1280 px"],
  ]) {
    const runs = [];
    for (let k = 0; k < RUNS; k++) runs.push(await once(url, rate, viewport));
    const m = (key) => median(runs.map((r) => r[key]));
    rows.push([name, m("first"), m("ready"), m("longest"), m("tbt"), m("drag")]);
  }
  console.log(`\nStart-up of ${label} (fresh browser each run, median of ${RUNS})`);
  console.log("| set-up | first figure | data-ready | longest task | total blocking | longest task dragging 4.1 |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const [name, ...v] of rows) console.log(`| ${name} | ${v.map((x) => `${x.toFixed(0)} ms`).join(" | ")} |`);
}

if (process.argv[1]?.endsWith("startup.mjs")) {
  const srv = await serve();
  try {
    await startup(srv.url);
  } finally {
    await srv.close();
  }
}
