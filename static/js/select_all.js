// "Select all shown": ticks or unticks every checkbox of its list. Without JavaScript the box is
// sent as it is and the server invites every pupil listed (evaluation.invitations.views).
document.querySelectorAll("input[data-select-all]").forEach((all) => {
  const name = all.dataset.selectAll;
  const boxes = () => all.form.querySelectorAll(`input[type=checkbox][name="${name}"]`);
  all.addEventListener("change", () => boxes().forEach((box) => { box.checked = all.checked; }));
  all.form.addEventListener("change", (event) => {
    if (event.target.name !== name) return;
    const list = Array.from(boxes());
    all.checked = list.every((box) => box.checked);
    all.indeterminate = !all.checked && list.some((box) => box.checked);
  });
});
