// Progressive enhancements; every page works without them.
document.querySelectorAll(".js-language select").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
  const button = select.form.querySelector(".js-language-submit");
  if (button) button.classList.add("d-none");
});

// Matching run page: poll the status JSON until the run is finished.
document.querySelectorAll(".js-run-progress").forEach((card) => {
  const bar = card.querySelector(".js-bar");
  const show = (s) => {
    const status = card.querySelector(".js-status");
    status.textContent = s.label;
    status.dataset.status = s.status;
    card.querySelector(".js-done").textContent = s.done;
    card.querySelector(".js-total").textContent = s.total;
    card.querySelector(".js-error").textContent = s.error || "";
    bar.max = s.total || 1;
    bar.value = s.status === "done" ? bar.max : s.done;
  };
  const poll = async () => {
    try {
      const response = await fetch(card.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const status = await response.json();
        show(status);
        if (status.finished) { window.location.reload(); return; }
      }
    } catch (error) { /* network hiccup: try again */ }
    setTimeout(poll, 1000);
  };
  if (card.dataset.finished !== "true") setTimeout(poll, 500);
});

// A list of checkboxes with a filter box (the reviewers to assign): typing hides the names that do not
// match; without JavaScript the box stays hidden and the whole list shows.
document.querySelectorAll(".js-filter-list").forEach((list) => {
  const input = list.querySelector(".js-filter-input");
  const items = Array.from(list.querySelectorAll(".js-filter-item"));
  const empty = list.querySelector(".js-filter-empty");
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
  input.hidden = false;
  input.addEventListener("input", () => {
    const wanted = fold(input.value.trim());
    let shown = 0;
    items.forEach((item) => {
      const match = fold(item.textContent).includes(wanted);
      item.hidden = !match;
      if (match) shown += 1;
    });
    if (empty) empty.hidden = shown > 0;
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault(); // Enter filters; it never submits the form
  });
});
