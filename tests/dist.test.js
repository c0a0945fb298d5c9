// The deployable outputs: dist/gradients.html works opened from disk with the
// network off (one file, nothing fetched), and the dist/ folder works served
// as it is.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, launch, openPage, ROOT, saveShot } from "./helpers.js";

let browser;
before(async () => {
  execFileSync("node", [path.join(ROOT, "scripts", "single-file.mjs")]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("dist/gradients.html gets ready from file:// with the network off", async () => {
  const file = path.join(ROOT, "dist", "gradients.html");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.setOffline(true);
  const requests = [];
  await context.route("**/*", (route) => {
    requests.push(route.request().url());
    route.continue();
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 20000 });
  assert.equal(await page.textContent("#eval3-out"), "32.08553692318767");
  assert.ok(+(await page.$eval("#heat-canvas", (c) => c.dataset.vmax)) > 0.999);
  // The only request is the file itself.
  assert.deepEqual(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:")), []);
  // The single file keeps a strict CSP: no 'unsafe-inline', only hashes.
  const html = fs.readFileSync(file, "utf8");
  assert.match(html, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-/);
  assert.doesNotMatch(html, /unsafe-inline/);
  saveShot("single-file.png", await page.screenshot());
  assert.deepEqual(problems, []);
  await context.close();
});

test("dist/gradients.html embeds from disk too: ?embed= fits its frame, and the Embed panel previews it", async () => {
  const file = pathToFileURL(path.join(ROOT, "dist", "gradients.html")).href;
  const context = await browser.newContext({ viewport: { width: 400, height: 420 } });
  await context.setOffline(true);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${file}?embed=gi-both&gi.f=x*y`);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 20000 });
  assert.equal(await page.inputValue("#gi-f"), "x*y");
  const fit = await page.evaluate(() => {
    const d = document.documentElement;
    const r = document.getElementById("gi-both").getBoundingClientRect();
    return { over: [d.scrollWidth - innerWidth, d.scrollHeight - innerHeight], side: Math.min(r.width, r.height) };
  });
  assert.deepEqual(fit.over, [0, 0]);
  assert.ok(fit.side >= 0.7 * 400, `the plot's smaller side is ${fit.side}px`);
  // The preview: the same file in an iframe, allowed by the file's CSP.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(file);
  await page.waitForSelector('body[data-ready="true"]', { state: "attached", timeout: 20000 });
  const panel = page.locator("#gi-both").locator("xpath=ancestor::figure").locator("details.embed-this");
  await panel.locator("summary").click();
  assert.match(await panel.locator("textarea").inputValue(), /^<iframe src="file:\/\/.*gradients\.html\?embed=gi-both"/);
  await page.frameLocator("details.embed-this[open] iframe").locator('body[data-ready="true"]').waitFor({ state: "attached", timeout: 20000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the dist/ folder works served as it is", async () => {
  execFileSync("make", ["-s", "-C", ROOT, "dist"], { stdio: "ignore" });
  const srv = await serve(path.join(ROOT, "dist"));
  const { page, context, problems } = await openPage(browser, srv.url);
  assert.equal(await page.textContent("#eval3-out"), "32.08553692318767");
  assert.deepEqual(problems, []);
  await context.close();
  await srv.close();
});
