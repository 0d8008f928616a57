// The running total of a budget ballot (projects/templates/projects/decisions/ballots/budget.html):
// what the ticked ideas cost against the budget, said politely as boxes are ticked. It only informs:
// the ballot can still be cast over budget, and the server refuses it with the amount over.
(() => {
  // Pence as whole numbers, so that adding costs never drifts; shown as £320 or £12.50.
  const pence = (text) => Math.round(Number(text) * 100);
  const pounds = (p) => (p % 100 === 0 ? `£${p / 100}` : `£${(p / 100).toFixed(2)}`);

  const update = (form) => {
    const total = form.querySelector("[data-budget-total]");
    if (!total) return;
    const budget = pence(total.dataset.budget);
    let chosen = 0;
    form.querySelectorAll("input[data-cost]:checked").forEach((box) => { chosen += pence(box.dataset.cost); });
    const left = budget - chosen;
    total.textContent = left >= 0
      ? `${pounds(chosen)} of ${pounds(budget)} chosen — ${pounds(left)} left`
      : `${pounds(chosen)} of ${pounds(budget)} chosen — ${pounds(-left)} over: untick something`;
    total.classList.toggle("text-danger", left < 0);
  };
  const updateAll = () => document.querySelectorAll("form").forEach((form) => update(form));

  document.addEventListener("change", (event) => {
    if (event.target.matches?.("input[data-cost]")) update(event.target.form);
  });
  document.addEventListener("DOMContentLoaded", updateAll);
  document.addEventListener("htmx:afterSettle", updateAll);
})();
