// Sharing figures: the Copy link buttons and the "Embed this figure" panel
// under each figure, and `?embed=id`, which shows one figure alone, fitted
// to its frame: no scrollbars, the plot as large as the frame allows, its
// caption and readouts in view. Options: `controls=none` (the figure and its
// readouts only; pointing still works), `links=none` (no Copy link
// buttons), `theme=light|dark` (instead of the reader's colour scheme).

import { link, embedOptions } from "./state.js";
import { linkButtons } from "./ui.js";
import { figures, $ } from "./page.js";

/**
 * Every embed id, in page order: a public interface (add, never rename).
 * An id names a canvas (`${id}-canvas` or `id`), or panels (`keep`).
 */
const EMBEDS = {
  eval3: { keep: ["eval3"], title: "Evaluate f(x, y, z)" },
  heat: { title: "Heatmap of f(x, y)" },
  surf: { title: "f(x, y) as a surface" },
  vec: { title: "A vector field" },
  pd: { title: "A partial derivative as a slope" },
  slide: { title: "A slice of a surface" },
  gr: { keep: ["gr", "gr-fd"], title: "The gradient" },
  "gi-heat": { title: "Heatmap of f" },
  "gi-quiver": { title: "Gradient field of f" },
  "gi-both": { title: "f and its gradient" },
  "gi-surf": { title: "f as a surface, with the point and its gradient" },
  "gi-path-plot": { title: "f along a gradient path" },
  sa: { title: "Rate of change in each direction" },
  "sa-rot": { title: "The gradient in turned axes" },
};
export const EMBED_IDS = Object.keys(EMBEDS);
/** Whether the link's text is an embed id (not merely a name every object has, like "constructor"). */
const isEmbed = (id) => id !== null && Object.hasOwn(EMBEDS, id);

/** Frame sizes offered by "Embed this figure" (width × height). */
const SIZES = [[320, 320], [400, 420], [720, 640], [1000, 500], [1600, 1000]];

/** The figure id used in links: the canvas id without "-canvas". */
export const figureId = (fig) => fig.canvas.id.replace(/-canvas$/, "");

const canvasOf = (id) => {
  const el = $(`${id}-canvas`) ?? $(id);
  return el?.localName === "canvas" ? el : null;
};
/** The elements an embed keeps: its panels, or the panel (or figure) around its canvas. */
function kept(id) {
  if (EMBEDS[id].keep) return EMBEDS[id].keep.map($);
  const c = canvasOf(id);
  return [c.closest(".panel") ?? c.closest("figure")];
}

/** The section that holds the figure a link's `?embed=id` asks for, if any. */
export function embedSection() {
  const { id } = embedOptions();
  return isEmbed(id) ? kept(id)[0].closest("section").id : null;
}

/** The address of an embed of `id` in the current state, with its options. */
function embedLink(id, opts = {}) {
  const extra = { embed: id };
  if (opts.controls === false) extra.controls = "none";
  if (opts.links === false) extra.links = "none";
  if (opts.theme) extra.theme = opts.theme;
  return link("", extra);
}

/** The iframe code for embedding `id` in its current state. */
export function iframeCode(id, [w, h], opts = {}) {
  const src = embedLink(id, opts).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return `<iframe src="${src}" width="${w}" height="${h}" title="${EMBEDS[id].title}" style="border: 0"></iframe>`;
}

/** "Embed this figure": the iframe code for the current state, a size, options and a live preview. */
function embedPanel(container, id) {
  const details = document.createElement("details");
  details.className = "embed-this";
  const summary = document.createElement("summary");
  summary.textContent = "Embed this figure";
  const row = document.createElement("div");
  row.className = "controls-row";
  const labelled = (text, el) => {
    const l = document.createElement("label");
    l.append(text, el);
    return l;
  };
  const size = document.createElement("select");
  SIZES.forEach(([w, h], i) => size.append(new Option(`${w} × ${h}`, String(i), i === 2, i === 2)));
  const controls = document.createElement("input");
  controls.type = "checkbox";
  controls.checked = true;
  const links = document.createElement("input");
  links.type = "checkbox";
  links.checked = true;
  const theme = document.createElement("select");
  for (const [v, t] of [["", "the reader's"], ["light", "light"], ["dark", "dark"]]) theme.append(new Option(t, v));
  row.append(labelled("size ", size), labelled(controls, " controls"), labelled(links, " link buttons"), labelled("colours ", theme));
  const code = document.createElement("textarea");
  code.readOnly = true;
  code.rows = 3;
  code.className = "embed-code";
  code.setAttribute("aria-label", "HTML code to embed this figure");
  const box = document.createElement("div");
  box.className = "embed-preview";
  const frame = document.createElement("iframe");
  frame.title = `Preview: ${EMBEDS[id].title}`;
  box.append(frame);
  details.append(summary, row, code, box);
  container.append(details);
  const update = () => {
    if (!details.open) return;
    const [w, h] = SIZES[Number(size.value)];
    const opts = { controls: controls.checked, links: links.checked, theme: theme.value };
    code.value = iframeCode(id, [w, h], opts);
    // The preview at its true size, scaled down to the column.
    const k = Math.min(1, box.clientWidth / w);
    frame.width = String(w);
    frame.height = String(h);
    frame.style.transform = `scale(${k})`;
    box.style.height = `${Math.ceil(h * k)}px`;
    const src = embedLink(id, opts);
    if (frame.getAttribute("src") !== src) frame.src = src;
  };
  details.addEventListener("toggle", update);
  row.addEventListener("change", update);
}

/** Copy link buttons and "Embed this figure" under each of `figs`, and under the panel embeds of `section`. */
export function addLinkButtons(figs, section = null) {
  const add = (container, id) => {
    const sec = container.closest("section");
    linkButtons(container, () => link(sec.id), () => link("", { embed: id }));
    embedPanel(container, id);
  };
  for (const fig of figs) add(fig.canvas.closest("figure"), figureId(fig));
  for (const [id, e] of Object.entries(EMBEDS)) {
    const panel = e.keep && $(e.keep[e.keep.length - 1]);
    if (panel && (!section || panel.closest("section").id === section)) add(panel, id);
  }
}

/**
 * `theme=light|dark` from the link, over the reader's scheme. The stylesheet
 * keeps the dark colours in its prefers-color-scheme block, which
 * data-theme="light" switches off; for dark they are copied from there.
 */
export function applyTheme() {
  const { theme } = embedOptions();
  if (!theme) return;
  const root = document.documentElement;
  root.dataset.theme = theme;
  if (theme !== "dark") return;
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!rule.media?.mediaText.includes("prefers-color-scheme: dark")) continue;
      for (const inner of rule.cssRules) {
        for (const name of inner.style) if (name.startsWith("--")) root.style.setProperty(name, inner.style.getPropertyValue(name));
      }
    }
  }
}

/** What a kept panel's child is in an embed: a control (hideable) or a readout (always shown). */
function classify(el) {
  if (el.matches(".link-notice, .error")) return;
  // (A label names an input: it goes with it.)
  const control = el.matches("input, select, textarea, details, label[for], .controls, .field, .point, .domain, .controls-row")
    || (el.querySelector("input, select, textarea") && !el.matches("figure"));
  const readout = !control && (el.matches("output, .result, .formula, .gradcol") || el.querySelector("output"));
  el.classList.add(readout ? "embed-readout" : "embed-control");
}

/**
 * Applies `?embed=id`. Returns the notices for the page (an id that is not
 * an embed id); an empty list when there is no embed or it worked.
 */
export function showEmbed() {
  const opts = embedOptions();
  if (opts.id === null) return [];
  if (!isEmbed(opts.id)) {
    const like = EMBED_IDS.find((k) => k === opts.id.toLowerCase().trim());
    const shown = opts.id.slice(0, 40);
    return [`There is no figure "${shown}" to embed${like ? ` (ids are lower case: did you mean ${like}?)` : ""}. The embed ids are: ${EMBED_IDS.join(", ")}.`];
  }
  const id = opts.id;
  document.body.classList.add("embed");
  document.body.classList.toggle("embed-no-controls", !opts.controls);
  document.body.classList.toggle("embed-no-links", !opts.links);
  const keep = kept(id);
  // Hide everything that is not on the path from <body> to a kept element.
  const onPath = new Set();
  for (const k of keep) for (let el = k; el && el !== document.body; el = el.parentElement) onPath.add(el);
  for (const el of onPath) {
    for (const sib of el.parentElement.children) {
      // The masthead stays: CSS shows only its notice line in embed mode.
      if (!onPath.has(sib) && !sib.classList.contains("masthead")) sib.hidden = true;
    }
  }
  const canvas = canvasOf(id);
  const fig = canvas && figures.find((f) => f.canvas === canvas);
  for (const k of keep) {
    // Inside a panel, only the chosen figure.
    for (const other of k.querySelectorAll("figure")) if (canvas && !other.contains(canvas)) other.hidden = true;
    if (!k.matches(".panel")) continue;
    for (const child of k.children) {
      if (canvas && child.contains(canvas)) child.classList.add("embed-kept");
      else classify(child);
    }
  }
  const caption = canvas?.closest("figure").querySelector("figcaption");
  if (caption) captionText(caption);
  if (id === "gi-path-plot" && $("gi-path").value === "none") {
    // This figure is a path: show one.
    $("gi-path").value = "descent";
    $("gi-path").dispatchEvent(new Event("change", { bubbles: true }));
  }
  drawer(opts.controls);
  refit = () => fitFrame(fig);
  window.addEventListener("resize", refit);
  document.addEventListener("toggle-controls", refit);
  return [];
}

let refit = () => {};
/** Fits an embed to its frame (after the page's notice line is final); else nothing. */
export const fitEmbed = () => refit();

/**
 * Puts a caption's prose (the text before its first readout) in a span, so
 * that a small frame can keep it to one line and the readout whole.
 */
function captionText(caption) {
  const prose = [];
  for (const n of caption.childNodes) {
    if (n.nodeType === Node.ELEMENT_NODE && (n.matches("output, br") || n.querySelector("output"))) break;
    prose.push(n);
  }
  if (!prose.length || !prose.some((n) => n.textContent.trim())) return;
  const span = document.createElement("span");
  span.className = "caption-text";
  span.title = prose.map((n) => n.textContent).join("").trim();
  caption.insertBefore(span, prose[0]);
  span.append(...prose);
}

/** In small frames the controls wait behind a button, so the figure gets the room. */
function drawer(withControls) {
  if (!withControls || !document.querySelector(".embed-control:not([hidden])")) return;
  const b = document.createElement("button");
  b.type = "button";
  b.className = "embed-toggle";
  b.textContent = "Controls";
  b.setAttribute("aria-expanded", "false");
  b.addEventListener("click", () => {
    const open = document.body.classList.toggle("embed-open");
    b.setAttribute("aria-expanded", String(open));
    document.dispatchEvent(new Event("toggle-controls"));
  });
  document.querySelector("main").prepend(b);
}

const overflow = () => document.documentElement.scrollHeight - innerHeight;

/** Whether the figure uses enough of the frame (70%: of its smaller side, or of its width for wide plots). */
function bigEnough(fig) {
  const r = fig.canvas.getBoundingClientRect();
  return fig.opts.square === false ? r.width >= 0.7 * innerWidth : Math.min(r.width, r.height) >= 0.7 * Math.min(innerWidth, innerHeight);
}

/** Sizes the figure to the frame: as large as fits with everything else in view. */
function fitFrame(fig) {
  const body = document.body.classList;
  const square = fig && fig.opts.square !== false;
  body.remove("embed-compact");
  body.toggle("embed-side", !!square && innerWidth >= 1.25 * innerHeight && innerWidth >= 640);
  const fit = () => {
    if (!fig) return;
    fig.opts.maxWidth = 4000;
    fig.opts.maxHeight = innerHeight;
    // The colour bar beside the plot unless the frame is clearly tall.
    fig.opts.barAt = innerHeight > 1.3 * innerWidth ? "below" : "right";
    fig.drawNow();
    for (let i = 0; i < 4 && overflow() > 0; i++) {
      fig.opts.maxHeight = Math.max(60, Math.floor(fig.canvas.getBoundingClientRect().height) - overflow() - 1);
      fig.drawNow();
    }
  };
  fit();
  const cramped = fig ? !bigEnough(fig) || overflow() > 0 : overflow() > 0;
  if (cramped && !body.contains("embed-open")) {
    body.add("embed-compact");
    fit();
  }
}
