//# allFunctionsCalledOnLoad
// The conductor. It loads the maths core, then starts each section of the
// appendix as it nears the viewport (or in idle time, so that every figure
// is eventually drawn), as a sequence of short tasks: a section's module is
// imported and its figures built in one task, and each figure is drawn in a
// task of its own. Marks `first-figure`, and sets <body data-ready="true">
// once every figure has drawn and the page is idle.

import { load } from "./core.js";
import { $, figures, watchResize, plane } from "./page.js";
import { restore, save } from "./state.js";
import { setupQuizzes } from "./quiz.js";
import { addLinkButtons, showEmbed, embedSection, applyTheme, fitEmbed } from "./embed.js";
import { setDeferring, drainDraws, yieldTask } from "./figure/schedule.js";
import { enhance } from "./a11y.js";

/** Each section's module, in page order. */
const SECTIONS = {
  functions: () => import("./sections/functions.js"),
  "vector-valued": () => import("./sections/vector-valued.js"),
  "partial-derivatives": () => import("./sections/partial-derivatives.js"),
  gradients: () => import("./sections/gradients.js"),
  "gradient-intuition": () => import("./sections/gradient-intuition.js"),
  "steepest-ascent": () => import("./sections/steepest-ascent.js"),
};
/** 4.2 reads the function and point that 4.1 owns. */
const NEEDS = { "steepest-ascent": ["gradient-intuition"] };
/** The link ids of each section's figures (for restoring the link's state). */
const LINK_IDS = {
  functions: ["eval3", "heat"],
  "vector-valued": ["vec"],
  "partial-derivatives": ["pd", "slide"],
  gradients: ["gr"],
  "gradient-intuition": ["gi"],
  "steepest-ascent": ["sa"],
};

const started = new Map();
const notices = [];
let firstDrawn = false;

function markDrawn() {
  if (firstDrawn) return;
  firstDrawn = true;
  performance.mark("first-figure");
}

/** Starts a section (and what it needs) once; resolves when its figures have drawn. */
function startSection(name) {
  if (!started.has(name)) {
    started.set(name, (async () => {
      for (const dep of NEEDS[name] ?? []) await startSection(dep);
      const mod = await SECTIONS[name]();
      await yieldTask();
      const t = performance.now();
      const before = figures.length;
      mod.start();
      notices.push(...restore(LINK_IDS[name]));
      addLinkButtons(figures.slice(before), name);
      enhance(name);
      performance.measure(`setup ${name}`, { start: t, end: performance.now() });
      await yieldTask();
      await drainDraws(markDrawn);
    })());
  }
  return started.get(name);
}

/** Sections in the order a reader meets them: those on screen (or linked) first. */
function order(only) {
  const names = Object.keys(SECTIONS);
  if (only) return [only];
  const onScreen = names.filter((n) => {
    const r = $(n).getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });
  return [...onScreen, ...names.filter((n) => !onScreen.includes(n))];
}

/** Starts sections as they approach the viewport (two screens ahead). */
function watchApproach() {
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) startSection(e.target.id);
    }
  }, { rootMargin: "200% 0px" });
  for (const n of Object.keys(SECTIONS)) io.observe($(n));
}

async function main() {
  applyTheme();
  setupQuizzes();
  await load();
  performance.mark("wasm-ready");
  setDeferring(true);
  const only = embedSection();
  const queue = order(only);
  await startSection(queue[0]);
  if (!only) watchApproach();
  // The rest in idle time, one section at a time, so the page gets ready
  // even if the reader never scrolls.
  for (const name of queue.slice(1)) {
    await new Promise((r) => requestIdleCallback(r, { timeout: 200 }));
    await startSection(name);
  }
  await Promise.all(started.values());
  notices.push(...restore());
  notices.push(...showEmbed());
  await drainDraws(markDrawn);
  setDeferring(false);
  // Every edit anywhere is mirrored into the address bar.
  for (const type of ["input", "change", "keydown", "pointerup"]) document.addEventListener(type, save);
  plane.listeners.push(save);
  watchResize();
  const status = $("status");
  status.classList.toggle("quiet", notices.length === 0);
  status.textContent = notices.join(" ");
  fitEmbed();
  document.body.dataset.readyMs = performance.now().toFixed(1);
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  const s = $("status");
  s.classList.remove("quiet");
  s.textContent = `The page could not start: ${err?.message ?? err}`;
  console.error(err);
});
