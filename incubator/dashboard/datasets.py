"""The open datasets: each a name, a title, documented fields and the rows (aggregates only, no person)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from incubator.dashboard import network, services
from incubator.dashboard.aggregates import remembered
from incubator.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Dataset:
    """A published table of figures."""

    name: str
    title: object
    fields: tuple[tuple[str, str], ...]  # (field, what it holds), documented on /open-data/ and in the README
    rows: Callable[[], list[dict]]


def network_nodes() -> list[dict]:
    """Organizations and partnered startups with their number of partnerships."""
    placed = network.nodes(network.edges())
    return [{"id": n.id, "name": n.name, "kind": n.kind, "partnerships": n.partnerships} for n in placed]


def network_edges() -> list[dict]:
    """One row per partnership between two nodes."""
    return [{"source": e["source"], "target": e["target"], "status": e["status"]} for e in network.edges()]


COUNT = "number of {}"
DATASETS = {
    d.name: d
    for d in (
        Dataset("startups-by-stage", _l("Startups by stage"), (
            ("stage", "idea, prototype, mvp, growth or scale"),
            ("startups", COUNT.format("startups")),
        ), services.startups_by_stage),
        Dataset("startups-by-sector", _l("Startups by sector"), (
            ("sector", "sector as the startup wrote it (empty: none given)"),
            ("startups", COUNT.format("startups")),
        ), services.startups_by_sector),
        Dataset("applications", _l("Applications per program and status"), (
            ("program", "incubation program"),
            ("status", "submitted, under_review, accepted, waitlisted or rejected"),
            ("applications", COUNT.format("applications")),
        ), services.applications_by_program),
        Dataset("lab-utilisation", _l("Lab utilisation: booked hours over open hours"), (
            ("lab", "lab name"),
            ("organization", "the lab's university"),
            ("first_day", "first day measured (a Monday, two weeks before the current week)"),
            ("last_day", "last day measured (the Sunday of next week)"),
            ("open_hours", "hours the lab is open in those four weeks (opening hours less closed dates)"),
            ("booked_hours", "seat-hours of approved seat bookings within the opening hours / capacity"),
            ("utilisation_percent", "booked_hours / open_hours × 100, one decimal (empty: never open)"),
        ), services.lab_utilisation),
        Dataset("lab-bookings", _l("Lab bookings per lab and status"), (
            ("lab", "lab name"),
            ("organization", "the lab's university"),
            ("requested", "booking requests waiting"),
            ("approved", "approved bookings"),
            ("declined", "declined requests"),
            ("cancelled", "cancelled bookings"),
        ), services.lab_bookings),
        Dataset("matching-funnel", _l("From suggestion to partnership"), (
            ("step", "suggested, approved, introduced, both_accepted or partnerships"),
            ("count", "number at this step"),
            ("conversion_percent", "percentage of the previous step (empty: first step, or none before)"),
        ), services.matching_funnel),
        Dataset("partnership-timing", _l("Days from suggestion to partnership"), (
            ("partnerships", "partnerships measured"),
            ("median_days", "median days from suggestion to partnership (empty when none)"),
        ), services.partnership_timing),
        Dataset("rejection-reasons", _l("Why suggestions were rejected"), (
            ("reason", "not_relevant, too_early, no_capacity, conflict_of_interest or other"),
            ("suggestions", "rejected suggestions"),
        ), services.rejection_reasons),
        Dataset("partnerships-by-status", _l("Partnerships by status"), (
            ("status", "proposed, active, completed or ended"),
            ("partnerships", COUNT.format("partnerships")),
        ), services.partnerships_by_status),
        Dataset("partnership-outcomes", _l("Partnership outcomes by kind"), (
            ("kind", "mou, joint_project, pilot, contract or patent"),
            ("outcomes", COUNT.format("outcomes")),
        ), services.outcomes_by_kind),
        Dataset("network-nodes", _l("Network: organizations and startups"), (
            ("id", "organization:N or startup:N (N: the record number)"),
            ("name", "organization or startup name"),
            ("kind", "government, university, enterprise, incubator or startup"),
            ("partnerships", "partnerships it takes part in"),
        ), network_nodes),
        Dataset("network-edges", _l("Network: partnerships between them"), (
            ("source", "node id of the side that posted the need"),
            ("target", "node id of the other side"),
            ("status", "proposed, active, completed or ended"),
        ), network_edges),
    )
}  # fmt: skip


def rows(name: str) -> list[dict]:
    """The rows of dataset `name`, counted at most once a minute or so for the dashboard and open data."""
    return remembered(f"dataset:{name}", DATASETS[name].rows)
