// The ranked ballot's idea cards (projects/templates/projects/decisions/ballots/ranked.html).
// Three equal ways to move a card: drag it (mouse or touch, SortableJS), its Up and Down buttons, or
// the arrow keys on a focused card. After every move each number box gets the card's place, so the
// form sends the same fields as without JavaScript, and the new place is said politely.
(() => {
  const ordinal = (n) => {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return `${n}th`;
    return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th"}`;
  };

  const boxFor = (form, item) => form.elements.namedItem(item.dataset.rankField);

  // The cards' order becomes the boxes' ranks: 1 for the top card, and so on.
  const sync = (ballot) => {
    const form = ballot.closest("form");
    ballot.querySelectorAll(".rank-item").forEach((item, index) => {
      boxFor(form, item).value = String(index + 1);
      item.querySelector("[data-rank-position]").textContent = String(index + 1);
    });
  };

  const announce = (ballot, item, already = "") => {
    const items = ballot.querySelectorAll(".rank-item");
    const place = [...items].indexOf(item) + 1;
    const title = item.querySelector("[data-rank-title]").textContent;
    ballot.querySelector("[data-rank-status]").textContent = already
      ? `${title} is already ${already}.`
      : `${title} is now ${ordinal(place)} of ${items.length}.`;
  };

  const move = (ballot, item, step) => {
    const target = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!target) {
      announce(ballot, item, step < 0 ? "first" : "last");
      return;
    }
    // The neighbour moves round the card, never the card itself: a focused card or button keeps focus.
    if (step < 0) item.after(target);
    else item.before(target);
    sync(ballot);
    announce(ballot, item);
  };

  // Cards start in the order of the ranks already in the boxes (a ballot sent back with a message),
  // ranked ones first; the rest keep the order of the ideas.
  const startOrder = (ballot) => {
    const form = ballot.closest("form");
    const list = ballot.querySelector(".rank-list");
    const rank = (item) => Number(boxFor(form, item).value) || Infinity;
    [...list.children]
      .map((item, index) => ({ item, index }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
      .forEach(({ item }) => list.append(item));
  };

  const start = (ballot) => {
    if (ballot.dataset.rankStarted) return;
    ballot.dataset.rankStarted = "true";
    const form = ballot.closest("form");
    startOrder(ballot);
    // The number boxes stay in the form (they carry the ranks) but are no longer a second way to rank.
    ballot.querySelectorAll(".rank-item").forEach((item) => {
      boxFor(form, item).closest("[id^='div_']").hidden = true;
    });
    const help = form.closest("section")?.querySelector("[data-ballot-help]");
    if (help) help.hidden = true;
    ballot.hidden = false;
    sync(ballot);

    ballot.addEventListener("click", (event) => {
      const button = event.target.closest("[data-rank-move]");
      if (button) move(ballot, button.closest(".rank-item"), Number(button.dataset.rankMove));
    });
    ballot.addEventListener("keydown", (event) => {
      const item = event.target;
      if (!item.matches?.(".rank-item")) return;
      const step = { ArrowUp: -1, ArrowDown: 1 }[event.key];
      if (!step) return;
      event.preventDefault(); // the page does not scroll
      move(ballot, item, step);
      item.focus();
    });
    if (window.Sortable) {
      window.Sortable.create(ballot.querySelector(".rank-list"), {
        animation: 150,
        // Pointer events on every device, so mouse and touch drag alike; on touch a short press
        // starts the drag, so a swipe still scrolls the page.
        forceFallback: true,
        delay: 150,
        delayOnTouchOnly: true,
        filter: "button",
        preventOnFilter: false,
        ghostClass: "rank-item-ghost",
        chosenClass: "rank-item-chosen",
        onEnd: (event) => {
          sync(ballot);
          announce(ballot, event.item);
        },
      });
    }
  };

  const startAll = () => document.querySelectorAll("[data-rank-ballot]").forEach(start);
  document.addEventListener("DOMContentLoaded", startAll);
  document.addEventListener("htmx:afterSettle", startAll);
})();
