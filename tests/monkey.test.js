// Random use never breaks the page: gremlins.js clicks, taps, types into
// every input, scrolls and drags at 1280 and 375 px with a fixed seed. The
// page must end with no page error, no console error, and wasm memory
// within 16 MiB of where it stood after a short first horde. `make test` runs a short horde
// (MONKEY_ACTIONS, default 1,500 per width); set it higher for a long run.
import { test } from "node:test";
import assert from "node:assert/strict";

import { openPage, useBrowser } from "./helpers.js";

const env = useBrowser();
const ACTIONS = Number(process.env.MONKEY_ACTIONS ?? 1500);


const wasmBytes = (page) => page.evaluate(async () => (await (await import("/www/pkg/gradients.js")).default()).memory.buffer.byteLength);

for (const [width, touch] of [[1280, false], [375, true]]) {
  test(`${ACTIONS} random actions at ${width} px leave no error and flat memory`, { timeout: Math.max(600_000, ACTIONS * 400) }, async () => {
    const { page, context, problems } = await openPage(env.browser, env.srv.url, { width, height: 800, touch, dpr: touch ? 2 : 1 });
    // Stay on the page: no navigation, no dialogs, no downloads.
    const start = page.url();
    await page.route("**/*", (route) => {
      const r = route.request();
      if (r.isNavigationRequest() && r.frame() === page.mainFrame() && r.url().split("#")[0].split("?")[0] !== start.split("?")[0]) return route.abort();
      return route.continue();
    });
    page.on("dialog", (d) => d.dismiss());
    // From the test server (same origin), as the page's CSP allows no inline script.
    await page.addScriptTag({ url: "/node_modules/gremlins.js/dist/gremlins.min.js" });
    const horde = (nb, seed) => page.evaluate(async ({ nb, touch, seed }) => {
      const g = window.gremlins;
      const species = [g.species.clicker(), g.species.formFiller(), g.species.scroller(), g.species.typer()];
      if (touch) species.push(g.species.toucher());
      const horde = g.createHorde({
        species,
        mogwais: [g.mogwais.alert()],
        strategies: [g.strategies.distribution({ nb, delay: 2 })],
        randomizer: new g.Chance(seed),
        logger: { log() {}, info() {}, warn() {}, error: (...a) => console.error("gremlins:", ...a) },
      });
      await horde.unleash();
      return document.body.dataset.ready;
    }, { nb, touch, seed });
    // A first, short horde takes every figure to the sizes random use gives
    // it (a 3D view keeps colour, depth and hit buffers for its pixels, a
    // heatmap its raster), so that memory measured after it is a baseline;
    // the long horde that follows must not grow it by more than 16 MiB.
    const first = await wasmBytes(page);
    assert.equal(await horde(600, 1127), "true");
    const before = await wasmBytes(page);
    assert.equal(await horde(ACTIONS, 20261127), "true");
    // The page still works: a good function still draws.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.fill("#heat-f", "x*y");
    await page.press("#heat-f", "Enter");
    await page.waitForFunction(() => document.querySelector("#heat-f-err").textContent === "");
    const after = await wasmBytes(page);
    if (process.env.MONKEY_DEBUG) console.log(await page.evaluate(() => [...document.querySelectorAll("input, canvas")].map((i) => i.tagName === "CANVAS" ? `${i.id}:${i.width}x${i.height}` : `${i.id}=${i.value}`).join(" ")));
    if (process.env.MONKEY_DEBUG) console.log(`wasm memory: ${first} at ready, ${before} after the first horde, ${after} at the end`);
    assert.ok(after - before <= 16 * 1048576, `wasm memory grew from ${before} to ${after} bytes (${first} at ready)`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
