// Practice: a student types ∂f/∂x (section 3) or the whole gradient
// (section 4) before looking; the core judges it by values at many points
// and says what is wrong in a tutor's words. Every quiz has a typed
// question checked the same way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, useBrowser } from "./helpers.js";

const env = useBrowser();

async function answer(page, id, text) {
  await page.fill(id, text);
  await page.click(`${id}-check`);
  return page.textContent(`${id}-feedback`);
}

test("section 3: the partial derivative typed before looking, with feedback that says where it is wrong", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  assert.equal(await page.isVisible("#pd-formula-row"), false, "the answer is hidden at first");
  // f = x² + y² + eˣ + xᶻ + xyz at (1, 2, 3): ∂f/∂x = 2 + e + 3 + 6 = 13.718…
  const cases = [
    ["2*x + z*x^(z-1) + y*z", /^The difference is −\(exp\(x\)\): check the term exp\(x\)\.$/],
    ["-(2*x + exp(x) + z*x^(z-1) + y*z)", /^A sign/],
    ["2*(2*x + exp(x) + z*x^(z-1) + y*z)", /constant factor 2/],
    ["x^2", /^Your answer differs at \(1, 2, 3\): yours gives 1, ∂f\/∂x is 13\.718/],
    ["2x", /could not be read: .*2\*x/],
  ];
  for (const [typed, expect] of cases) {
    assert.match(await answer(page, "#pd-answer", typed), expect, typed);
    assert.equal(await page.isVisible("#pd-formula-row"), false, `${typed} revealed the answer`);
  }
  assert.match(await answer(page, "#pd-answer", "y*z + z*x^(z - 1) + e^x + 2*x"), /^Right/);
  assert.equal(await page.isVisible("#pd-formula-row"), true);
  // Another variable is another question: the answer hides again.
  await page.selectOption("#pd-var", "y");
  assert.equal(await page.isVisible("#pd-formula-row"), false);
  assert.equal(await page.textContent("#pd-answer-lhs"), "∂f/∂y");
  assert.match(await answer(page, "#pd-answer", "2*y + x*z"), /^Right/);
  // Asking shows it without an answer.
  await page.selectOption("#pd-var", "z");
  await page.click("#pd-answer-show");
  assert.equal(await page.isVisible("#pd-formula-row"), true);
  assert.equal(await page.getAttribute("#pd-answer-show", "aria-expanded"), "true");
  assert.deepEqual(problems, []);
  await context.close();
});

test("section 4: the whole gradient, component by component", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  assert.equal(await page.isVisible("#gr-column-row"), false);
  assert.match(await answer(page, "#gr-answer", "2*x, 2*y"), /has 3 components/);
  const wrong = await answer(page, "#gr-answer", "2*x + z*x^(z-1) + y*z, 2*y + x*z, exp(z) + x*y");
  assert.match(wrong, /∂f\/∂z: The difference is −\(.*ln\(x\).*\): check the term/);
  assert.doesNotMatch(wrong, /∂f\/∂y/, "a right component is not blamed");
  assert.equal(await page.isVisible("#gr-column-row"), false);
  assert.match(await answer(page, "#gr-answer", "[2*x + z*x^(z-1) + y*z, 2*y + x*z, exp(z) + x^z*ln(x) + x*y]"), /^Right/);
  assert.equal(await page.isVisible("#gr-column-row"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("every quiz has a typed question, judged by value", async () => {
  const { page, context, problems } = await openPage(env.browser, env.srv.url);
  const right = {
    functions: "1 + 2*3", "vector-valued": "6", "partial-derivatives": "3*y^2 + x^2",
    gradients: "y, x", "gradient-intuition": "sqrt(25)", "steepest-ascent": "4.472",
  };
  const wrong = { functions: "6", "vector-valued": "5", "partial-derivatives": "x^2", gradients: "x, y", "gradient-intuition": "7", "steepest-ascent": "20" };
  for (const id of Object.keys(right)) {
    const q = `#${id}-typed`;
    assert.ok(await page.$(q), `${id} has no typed question`);
    for (const [text, verdict] of [[wrong[id], "wrong"], [right[id], "right"]]) {
      await page.fill(`${q}-input`, text);
      await page.click(`${q} .q-check`);
      assert.equal(await page.getAttribute(q, "data-result"), verdict, `${id}: ${text}`);
      assert.equal(await page.isVisible(`${q} .q-feedback`), true);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
