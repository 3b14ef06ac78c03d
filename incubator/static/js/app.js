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
