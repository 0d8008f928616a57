// The navigation's groups are <details>: they open and close by keyboard and without this script.
// It makes them behave like menus: one open at a time, closed by Escape (focus back on the group's
// name), by a click elsewhere, or when focus leaves the group.
(() => {
  const groups = () => document.querySelectorAll(".nav-group > details");
  const closeAll = (except) => groups().forEach((group) => { if (group !== except) group.open = false; });

  document.addEventListener("toggle", (event) => {
    if (event.target.matches?.(".nav-group > details") && event.target.open) closeAll(event.target);
  }, true);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = document.querySelector(".nav-group > details[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".nav-group")) closeAll(null);
  });
  document.addEventListener("focusout", (event) => {
    const group = event.target.closest?.(".nav-group > details");
    if (group && event.relatedTarget && !group.contains(event.relatedTarget)) group.open = false;
  });
})();
