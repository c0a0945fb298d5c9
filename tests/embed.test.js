// Embeds: every embed id in frames from 320 × 320 to 1600 × 1000 fits
// without scrollbars, its plot uses the frame, and its caption and readouts
// are in view; the options controls=none, links=none and theme; an unknown
// id names the valid ones; "Embed this figure" shows code and a live preview.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { openPage, saveShot, useBrowser, ROOT } from "./helpers.js";

const env = useBrowser();

const IDS = ["eval3", "heat", "surf", "vec", "pd", "slide", "gr", "gi-heat", "gi-quiver", "gi-both", "gi-surf", "gi-path-plot", "sa", "sa-rot"];
const WIDE = ["pd", "gi-path-plot", "sa"];
const SIZES = [[320, 320], [400, 420], [720, 640], [1000, 500], [1600, 1000]];

/** After a resize: two frames, so the embed has refitted and drawn. */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** What a test needs to know about the frame: scrollbars, the canvas box, text out of view. */
const measure = (page, id) => page.evaluate((id) => {
  const doc = document.documentElement;
  const canvas = document.getElementById(`${id}-canvas`) ?? document.getElementById(id);
  const box = canvas?.localName === "canvas" ? canvas.getBoundingClientRect().toJSON() : null;
  // Captions and readouts with text, shown: each must lie inside the frame.
  const texts = [...document.querySelectorAll("figcaption, output, .embed-readout, #status, .link-notice")]
    .filter((el) => el.getClientRects().length && el.textContent.trim() && !el.closest("[hidden], .embed-this"));
  const out = texts.map((el) => [el.id || el.className || el.localName, el.getBoundingClientRect().toJSON()])
    .filter(([, r]) => r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.top < -1 || r.left < -1)
    .map(([name, r]) => `${name} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
  return {
    scroll: [doc.scrollWidth - innerWidth, doc.scrollHeight - innerHeight],
    box,
    out,
    drawn: canvas?.localName === "canvas" ? canvas.width > 0 && canvas.height > 0 : true,
  };
}, id);

test("every embed fits frames from 320 × 320 to 1600 × 1000: no scrollbars, the plot uses the frame, text in view", async () => {
  const failures = [];
  for (const id of IDS) {
    const [w0, h0] = SIZES[0];
    const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?embed=${id}`, { width: w0, height: h0 });
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await settle(page);
      const m = await measure(page, id);
      const where = `${id} in ${w}×${h}`;
      if (m.scroll[0] > 0 || m.scroll[1] > 0) failures.push(`${where}: scrolls by ${m.scroll.join(", ")}`);
      if (m.box) {
        const used = WIDE.includes(id) ? m.box.width / w : Math.min(m.box.width, m.box.height) / Math.min(w, h);
        if (used < 0.7) failures.push(`${where}: the plot uses ${(100 * used).toFixed(0)}% (${Math.round(m.box.width)}×${Math.round(m.box.height)})`);
      }
      if (m.out.length) failures.push(`${where}: out of view: ${m.out.join("; ")}`);
      if (!m.drawn) failures.push(`${where}: not drawn`);
      if (w === 320 || w === 1000) saveShot(`embed-${id}-${w}x${h}.png`, await page.screenshot());
    }
    assert.deepEqual(problems, [], id);
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test("controls=none keeps the figure, its readout and pointing; links=none drops the link buttons", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?embed=gi-both&controls=none&links=none`, { width: 720, height: 640 });
  assert.equal(await page.isVisible("#gi-f"), false);
  assert.equal(await page.isVisible(".embed-toggle"), false);
  assert.equal(await page.isVisible("#gi-both"), true);
  assert.equal(await page.$$eval(".links", (ls) => ls.filter((l) => l.getClientRects().length).length), 0);
  // Pointing still selects a point, and the readout says so.
  const box = await page.$eval("#gi-both", (c) => {
    const r = c.getBoundingClientRect();
    const d = c.dataset;
    return { x: r.left + Number(d.plotLeft) + Number(d.plotWidth) * 0.75, y: r.top + Number(d.plotTop) + Number(d.plotHeight) * 0.25 };
  });
  await page.mouse.click(box.x, box.y);
  assert.match(await page.textContent("#gi-readout"), /At \(3(\.\d+)?, 3(\.\d+)?\)/);
  assert.equal(await page.isVisible("#gi-readout"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("theme=dark and theme=light override the reader's scheme, figures included", async () => {
  const bg = async (theme, scheme) => {
    const context = await env.browser.newContext({ viewport: { width: 500, height: 500 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${env.srv.url}?embed=heat&theme=${theme}`);
    await page.waitForSelector('body[data-ready="true"]', { state: "attached" });
    // The figure's own background, one pixel in its corner.
    const px = await page.$eval("#heat-canvas", (c) => Array.from(c.getContext("2d").getImageData(2, 2, 1, 1).data.slice(0, 3)));
    await context.close();
    return px;
  };
  assert.deepEqual(await bg("dark", "light"), [0x16, 0x18, 0x1c]);
  assert.deepEqual(await bg("light", "dark"), [0xfd, 0xfc, 0xf8]);
});

test("the README's table of embed ids is the page's list", async () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const listed = [...readme.slice(readme.indexOf("<!-- embed ids:")).split("\n\n")[0].matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
  const { page, context } = await openPage(env.browser, `${env.srv.url}?embed=?`, { width: 600, height: 400 });
  const notice = await page.textContent("#status");
  assert.deepEqual(listed, notice.slice(notice.indexOf("The embed ids are: ") + 19).replace(/\.$/, "").split(", "));
  assert.deepEqual(listed, IDS);
  await context.close();
});

test("an unknown or miscased embed id shows a notice listing the valid ids", async () => {
  for (const [id, hint] of [["nosuch", null], ["GI-BOTH", "gi-both"], ["constructor", null]]) {
    const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?embed=${id}`, { width: 600, height: 500 });
    assert.equal(await page.isVisible("#status"), true);
    const text = await page.textContent("#status");
    assert.match(text, new RegExp(`There is no figure "${id}" to embed`));
    for (const known of IDS) assert.ok(text.includes(known), `${known} is listed`);
    if (hint) assert.match(text, new RegExp(`did you mean ${hint}\\?`));
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("Embed this figure shows the iframe code for the current state and a live preview at the chosen size", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.srv.url}?gi.f=x*y`, { width: 1100, height: 900 });
  const panel = page.locator("#gi-both").locator("xpath=ancestor::figure").locator("details.embed-this");
  await panel.locator("summary").click();
  await panel.locator("select").first().selectOption({ label: "400 × 420" });
  const code = await panel.locator("textarea").inputValue();
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=gi-both&amp;gi\.f=x%2Ay" width="400" height="420" title="f and its gradient" style="border: 0"><\/iframe>$/);
  const frame = page.frameLocator("details.embed-this[open] iframe");
  await frame.locator('body[data-ready="true"]').waitFor({ state: "attached", timeout: 20000 });
  assert.equal(await frame.locator("#gi-f").inputValue(), "x*y");
  const inner = await page.$eval("details.embed-this[open] iframe", (f) => {
    const d = f.contentDocument.documentElement;
    return { w: f.contentWindow.innerWidth, h: f.contentWindow.innerHeight, sw: d.scrollWidth, sh: d.scrollHeight };
  });
  assert.deepEqual([inner.w, inner.h], [400, 420]);
  assert.ok(inner.sw <= 400 && inner.sh <= 420, JSON.stringify(inner));
  saveShot("embed-panel.png", await panel.screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});
