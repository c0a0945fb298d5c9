// `make audit`: Lighthouse 12.2 (mobile and desktop presets) on index.html
// and on the single file dist/gradients.html, served gzip-compressed as a
// static host would serve them. Prints the median of 3 runs per page and
// preset: the category scores, the performance metrics, and the audits that
// failed. Lighthouse is a development tool: `make audit` installs it into
// .audit/, never into the page or the test set-up.
import path from "node:path";
import { createRequire } from "node:module";
import { serve, ROOT, CHROMIUM_ARGS } from "../tests/helpers.js";

const require = createRequire(path.join(ROOT, ".audit", "package.json"));
const { default: lighthouse } = await import(require.resolve("lighthouse"));
const chromeLauncher = await import(require.resolve("chrome-launcher"));
const { default: desktopConfig } = await import(require.resolve("lighthouse/core/config/desktop-config.js"));

const RUNS = Number(process.env.RUNS ?? 3);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "SI"],
  ["interactive", "TTI"],
];
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

const srv = await serve(ROOT, { gzip: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
});
try {
  for (const page of ["index.html", "dist/gradients.html"]) {
    for (const [preset, config] of [["mobile", undefined], ["desktop", desktopConfig]]) {
      const runs = [];
      for (let k = 0; k < RUNS; k++) {
        const r = await lighthouse(`${srv.url}${page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES }, config);
        runs.push(r.lhr);
      }
      const score = (c) => median(runs.map((l) => Math.round((l.categories[c]?.score ?? 0) * 100)));
      const metric = (id) => median(runs.map((l) => l.audits[id]?.numericValue ?? NaN));
      console.log(`\n${page}, ${preset} (median of ${RUNS})`);
      console.log(`  scores: ${CATEGORIES.map((c) => `${c} ${score(c)}`).join(", ")}`);
      console.log(`  metrics: ${METRICS.map(([id, n]) => `${n} ${id === "cumulative-layout-shift" ? metric(id).toFixed(3) : `${metric(id).toFixed(0)} ms`}`).join(", ")}`);
      const last = runs[runs.length - 1];
      const failed = Object.values(last.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual");
      const errored = Object.values(last.audits).filter((a) => a.scoreDisplayMode === "error");
      console.log(`  failing audits: ${failed.map((a) => `${a.id} (${a.displayValue ?? a.score})`).join("; ") || "none"}`);
      if (errored.length) console.log(`  audits that errored (Chromium ${last.environment?.hostUserAgent?.match(/Chrome\/(\d+)/)?.[1] ?? "?"} trace format): ${errored.map((a) => a.id).join(", ")}`);
    }
  }
} finally {
  await chrome.kill();
  await srv.close();
}
