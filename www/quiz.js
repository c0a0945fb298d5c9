// Practice: the "check your understanding" questions at the end of each
// section (true/false, and one typed answer each), and the boxes where a
// student types a derivative before looking at it. Typed answers are judged
// by the core (answer.rs): equal values at many points, with a tutor's
// feedback when they differ.

import { core } from "./core.js";

/**
 * A practice box. `check(text)` returns the core's verdict (or throws the
 * core's Error for a formula that does not parse); the answer element stays
 * hidden until the student asks for it or gets it right. Returns `reset`,
 * for when the question changes (another function or variable).
 */
export function practiceBox({ input, button, show, feedback, answer, check }) {
  const reveal = () => {
    answer.hidden = false;
    show.setAttribute("aria-expanded", "true");
  };
  const run = () => {
    let verdict;
    try {
      verdict = check(input.value);
    } catch (err) {
      feedback.textContent = `That formula could not be read: ${err.detail ?? err.message}`;
      feedback.dataset.result = "error";
      input.setAttribute("aria-invalid", "true");
      return;
    }
    input.removeAttribute("aria-invalid");
    feedback.textContent = verdict.message;
    feedback.dataset.result = verdict.right ? "right" : "wrong";
    if (verdict.right) reveal();
    verdict.free();
  };
  button.addEventListener("click", run);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") run();
  });
  show.addEventListener("click", reveal);
  return () => {
    answer.hidden = true;
    show.setAttribute("aria-expanded", "false");
    feedback.textContent = "";
    delete feedback.dataset.result;
    input.removeAttribute("aria-invalid");
  };
}

/** A typed question: its expected formula, variables and point come from its markup. */
function typedQuestion(q) {
  const input = q.querySelector("input");
  const feedback = q.querySelector(".q-feedback");
  const run = () => {
    const vars = q.dataset.vars ? q.dataset.vars.split(",") : [];
    const point = q.dataset.point ? q.dataset.point.split(",").map(Number) : [];
    const expected = new (core().ScalarField)(q.dataset.expect, vars);
    let verdict = null;
    let message;
    try {
      verdict = q.dataset.kind === "gradient" ? expected.checkGradient(input.value, point) : expected.checkAnswer(input.value, point, "the answer");
      message = verdict.message;
    } catch (err) {
      message = `That could not be read: ${err.detail ?? err.message}`;
    } finally {
      expected.free();
    }
    const right = verdict?.right ?? false;
    verdict?.free();
    feedback.querySelector(".verdict").textContent = right ? "Right." : "Not quite.";
    feedback.querySelector(".q-message").textContent = right ? "" : message;
    feedback.querySelector(".q-why").hidden = !right;
    feedback.hidden = false;
    q.dataset.result = right ? "right" : "wrong";
  };
  q.querySelector(".q-check").addEventListener("click", run);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") run();
  });
}

export function setupQuizzes() {
  for (const q of document.querySelectorAll(".quiz .q")) {
    if (q.classList.contains("q-typed")) {
      typedQuestion(q);
      continue;
    }
    const feedback = q.querySelector(".q-feedback");
    for (const b of q.querySelectorAll("button[data-choice]")) {
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", () => {
        const right = b.dataset.choice === q.dataset.answer;
        q.querySelectorAll("button[data-choice]").forEach((o) => o.setAttribute("aria-pressed", String(o === b)));
        feedback.querySelector(".verdict").textContent = right ? "Right." : "Not quite.";
        feedback.hidden = false;
        q.dataset.result = right ? "right" : "wrong";
      });
    }
  }
}
