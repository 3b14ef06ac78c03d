// Ecosystem dashboard: draw each chart from the JSON data block (every figure is also a table on the page).
(() => {
  const block = document.getElementById("dashboard-charts");
  if (!block || !window.Chart) return;
  const charts = JSON.parse(block.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const spec = charts[canvas.dataset.chart];
    if (!spec) return;
    const many = spec.datasets.length > 1 || spec.type === "doughnut";
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: many } },
        scales: spec.type === "bar" ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : {},
      },
    });
  });
})();
