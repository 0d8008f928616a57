// Search pickers (templates/partials/picker.html): the keyboard inside one. htmx fetches the matches;
// this only keeps Enter from submitting the whole form and lets the arrows walk from the search box
// through the matches. Without it the picker still works by Tab, Space and the Search button.
(() => {
  if (window.coproPickerReady) return;
  window.coproPickerReady = true;

  const stops = (picker) => [
    picker.querySelector("input[type=search]"),
    ...picker.querySelectorAll(".picker-body input:not([type=hidden])"),
  ];

  document.addEventListener("keydown", (event) => {
    const picker = event.target.closest?.(".picker");
    if (!picker || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (event.key === "Enter") {
      if (target.type === "search") event.preventDefault(); // searching is not sending the form
      else if (target.type === "checkbox" || target.type === "radio") {
        event.preventDefault();
        target.click(); // Enter ticks, like Space
      }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    // Radios move (and tick) by arrow natively; only leaving the search box needs help there.
    if (target.type === "radio") return;
    const all = stops(picker);
    const next = all[all.indexOf(target) + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
})();
