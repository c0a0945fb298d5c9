// Sharing figures: the Copy link and embed buttons under each figure, and
// `?embed=id`, which shows one figure alone, sized to its frame.

import { link, embedTarget } from "./state.js";
import { linkButtons } from "./ui.js";
import { figures } from "./page.js";

/** The figure id used in links: the canvas id without "-canvas". */
export const figureId = (fig) => fig.canvas.id.replace(/-canvas$/, "");

/** Copy-link and embed buttons under each of `figs`. */
export function addLinkButtons(figs) {
  for (const fig of figs) {
    const figure = fig.canvas.closest("figure");
    const section = fig.canvas.closest("section");
    linkButtons(figure, () => link(section.id), () => link("", { embed: figureId(fig) }));
  }
}

/** The section that holds the figure a link's `?embed=id` asks for, if any. */
export function embedSection() {
  const id = embedTarget();
  const el = id && (document.getElementById(`${id}-canvas`) ?? document.getElementById(id));
  return el?.closest("section")?.id ?? null;
}

/** `?embed=id`: only that figure (with its own controls), filling the frame. */
export function showEmbed() {
  const id = embedTarget();
  const fig = id && figures.find((f) => figureId(f) === id);
  if (!fig) return;
  document.body.classList.add("embed");
  const keep = fig.canvas.closest(".panel") ?? fig.canvas.closest("figure");
  // Hide everything that is not on the path from <body> to the kept panel.
  for (let el = keep; el && el !== document.body; el = el.parentElement) {
    for (const sib of el.parentElement.children) {
      // The masthead stays: CSS shows only its notice line in embed mode.
      if (sib !== el && !sib.classList.contains("masthead")) sib.hidden = true;
    }
  }
  // Inside the panel, only the chosen figure.
  for (const other of keep.querySelectorAll("figure")) {
    if (!other.contains(fig.canvas)) other.hidden = true;
  }
  fig.opts.maxWidth = 4000;
  const fitFrame = () => {
    fig.opts.maxHeight = window.innerHeight - fig.canvas.getBoundingClientRect().top - 60 + window.scrollY;
    fig.draw();
  };
  window.addEventListener("resize", fitFrame);
  fitFrame();
}
