// Ecosystem dashboard: draw each chart from the JSON data block (every figure is also a table on the page).
(() => {
  const block = document.getElementById("dashboard-charts");
  if (!block || !window.Chart) return;
  const charts = JSON.parse(block.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const spec = charts[canvas.dataset.chart];
    if (!spec) return;
    const many = spec.datasets.length > 1 || spec.type === "doughnut";
    // On a narrow screen bars lie down, so every label reads horizontally at full size, and the box
    // grows with the number of bars rather than shrinking or skipping labels.
    const narrow = spec.type === "bar" && canvas.parentElement.clientWidth < 576;
    if (narrow) {
      canvas.parentElement.style.height = `${Math.max(240, 32 * spec.labels.length * spec.datasets.length + 60)}px`;
    }
    const values = narrow ? "x" : "y";
    const scales = spec.type === "bar"
      ? { [values]: { beginAtZero: true, ticks: { precision: 0 } }, [narrow ? "y" : "x"]: { ticks: { autoSkip: false } } }
      : {};
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets },
      options: {
        indexAxis: narrow ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: many } },
        scales,
      },
    });
  });
})();
