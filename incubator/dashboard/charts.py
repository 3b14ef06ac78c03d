"""The dashboard's charts: which dataset each draws, how its codes are labelled, and the Chart.js data."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_decimal

from incubator.i18n import lazy_gettext as _l
from incubator.labels import label, register
from incubator.templating import number_pattern

FIELD_LABELS = register(
    "dataset_field",
    {
        "stage": _l("Stage"), "startups": _l("Startups"), "sector": _l("Sector"), "program": _l("Program"),
        "status": _l("Status"), "applications": _l("Applications"), "lab": _l("Lab"),
        "organization": _l("Organization"), "requested": _l("Requested"), "approved": _l("Approved"),
        "declined": _l("Declined"), "cancelled": _l("Cancelled"), "step": _l("Step"), "count": _l("Count"),
        "conversion_percent": _l("Conversion from the previous step (%)"), "partnerships": _l("Partnerships"),
        "median_days": _l("Median days"), "reason": _l("Reason"), "suggestions": _l("Suggestions"),
        "kind": _l("Kind"), "outcomes": _l("Outcomes"), "id": _l("Id"), "name": _l("Name"),
        "source": _l("Source"), "target": _l("Target"), "first_day": _l("From"), "last_day": _l("To"),
        "open_hours": _l("Open hours"), "booked_hours": _l("Booked hours"),
        "utilisation_percent": _l("Utilisation (%)"),
    },
)  # fmt: skip
register(
    "funnel_step",
    {
        "suggested": _l("Suggested"),
        "approved": _l("Approved"),
        "introduced": _l("Introduced"),
        "both_accepted": _l("Accepted by both"),
        "partnerships": _l("Partnerships"),
    },
)


@dataclass(frozen=True)
class Chart:
    """A chart of one dataset: the field along the axis, the plotted fields, the label group of codes."""

    dataset: str
    title: object
    kind: str
    axis: str
    values: tuple[str, ...]
    groups: dict[str, str] = field(default_factory=dict)  # field → label group of its codes
    series: str = ""  # one bar series per value of this field (applications per program)

    def cell(self, name: str, value: object) -> str:
        """A table cell: codes shown with their label, numbers in the reader's language, empty as "—"."""
        if value is None or value == "":
            return "—"
        if isinstance(value, float):  # hours and percentages, measured to a decimal: "15.0", "15,0"
            return format_decimal(value, format=number_pattern("#,##0.0##"))
        if isinstance(value, int) and not isinstance(value, bool):
            return format_decimal(value)
        return label(value, self.groups[name]) if name in self.groups else str(value)


CHARTS = (
    Chart("startups-by-stage", _l("Startups by stage"), "bar", "stage", ("startups",), {"stage": "stage"}),
    Chart("startups-by-sector", _l("Startups by sector"), "bar", "sector", ("startups",)),
    Chart("applications", _l("Applications per program"), "bar", "status", ("applications",),
          {"status": "application_status"}, series="program"),
    Chart("lab-utilisation", _l("Lab utilisation (booked hours / open hours)"), "bar", "lab",
          ("utilisation_percent",)),
    Chart("matching-funnel", _l("From suggestion to partnership"), "bar", "step", ("count",),
          {"step": "funnel_step"}),
    Chart("rejection-reasons", _l("Why suggestions were rejected"), "doughnut", "reason", ("suggestions",),
          {"reason": "reject_reason"}),
    Chart("partnerships-by-status", _l("Partnerships by status"), "bar", "status", ("partnerships",),
          {"status": "partnership_status"}),
    Chart("partnership-outcomes", _l("Partnership outcomes"), "bar", "kind", ("outcomes",),
          {"kind": "outcome_kind"}),
)  # fmt: skip


def chart_data(chart: Chart, rows: list[dict]) -> dict:
    """The labels and datasets Chart.js draws for `rows`."""
    labels = list(dict.fromkeys(chart.cell(chart.axis, r[chart.axis]) for r in rows))
    if chart.series:
        series = list(dict.fromkeys(r[chart.series] for r in rows))
        datasets = [
            {"label": name, "data": [r[chart.values[0]] for r in rows if r[chart.series] == name]}
            for name in series
        ]
    else:
        datasets = [{"label": label(v, "dataset_field"), "data": [r[v] for r in rows]} for v in chart.values]
    return {"type": chart.kind, "labels": labels, "datasets": datasets}
