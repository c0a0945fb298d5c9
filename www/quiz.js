// The "check your understanding" questions at the end of each section.

export function setupQuizzes() {
  for (const q of document.querySelectorAll(".quiz .q")) {
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
