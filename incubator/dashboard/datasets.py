"""The open datasets: each a name, a title, documented fields and the rows (aggregates only, no person)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from incubator.dashboard import network, services
from incubator.dashboard.aggregates import remembered
from incubator.errors import N_
from incubator.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Dataset:
    """A published table of figures."""

    name: str
    title: object
    # (field, what it holds): English in the JSON and the README, translated on /open-data/
    fields: tuple[tuple[str, str], ...]
    rows: Callable[[], list[dict]]


def network_nodes() -> list[dict]:
    """Organizations and partnered startups with their number of partnerships."""
    placed = network.nodes(network.edges())
    return [{"id": n.id, "name": n.name, "kind": n.kind, "partnerships": n.partnerships} for n in placed]


def network_edges() -> list[dict]:
    """One row per partnership between two nodes."""
    return [{"source": e["source"], "target": e["target"], "status": e["status"]} for e in network.edges()]


DATASETS = {
    d.name: d
    for d in (
        Dataset("startups-by-stage", _l("Startups by stage"), (
            ("stage", N_("idea, prototype, mvp, growth or scale")),
            ("startups", N_("number of startups")),
        ), services.startups_by_stage),
        Dataset("startups-by-sector", _l("Startups by sector"), (
            ("sector", N_("sector as the startup wrote it (empty: none given)")),
            ("startups", N_("number of startups")),
        ), services.startups_by_sector),
        Dataset("applications", _l("Applications per program and status"), (
            ("program", N_("incubation program")),
            ("status", N_("submitted, under_review, accepted, waitlisted or rejected")),
            ("applications", N_("number of applications")),
        ), services.applications_by_program),
        Dataset("lab-utilisation", _l("Lab utilisation: booked hours over open hours"), (
            ("lab", N_("lab name")),
            ("organization", N_("the lab's university")),
            ("first_day", N_("first day measured (a Monday, two weeks before the current week)")),
            ("last_day", N_("last day measured (the Sunday of next week)")),
            ("open_hours", N_("hours the lab is open in those four weeks (opening hours less closed dates)")),
            ("booked_hours", N_("seat-hours of approved seat bookings within the opening hours / capacity")),
            ("utilisation_percent", N_("booked_hours / open_hours × 100, one decimal (empty: never open)")),
        ), services.lab_utilisation),
        Dataset("lab-bookings", _l("Lab bookings per lab and status"), (
            ("lab", N_("lab name")),
            ("organization", N_("the lab's university")),
            ("requested", N_("booking requests waiting")),
            ("approved", N_("approved bookings")),
            ("declined", N_("declined requests")),
            ("cancelled", N_("cancelled bookings")),
        ), services.lab_bookings),
        Dataset("matching-funnel", _l("From suggestion to partnership"), (
            ("step", N_("suggested, approved, introduced, both_accepted or partnerships")),
            ("count", N_("number at this step")),
            ("conversion_percent", N_("percentage of the previous step (empty: first step, or none before)")),
        ), services.matching_funnel),
        Dataset("partnership-timing", _l("Days from suggestion to partnership"), (
            ("partnerships", N_("partnerships measured")),
            ("median_days", N_("median days from suggestion to partnership (empty when none)")),
        ), services.partnership_timing),
        Dataset("rejection-reasons", _l("Why suggestions were rejected"), (
            ("reason", N_("not_relevant, too_early, no_capacity, conflict_of_interest or other")),
            ("suggestions", N_("rejected suggestions")),
        ), services.rejection_reasons),
        Dataset("partnerships-by-status", _l("Partnerships by status"), (
            ("status", N_("proposed, active, completed or ended")),
            ("partnerships", N_("number of partnerships")),
        ), services.partnerships_by_status),
        Dataset("partnership-outcomes", _l("Partnership outcomes by kind"), (
            ("kind", N_("mou, joint_project, pilot, contract or patent")),
            ("outcomes", N_("number of outcomes")),
        ), services.outcomes_by_kind),
        Dataset("network-nodes", _l("Network: organizations and startups"), (
            ("id", N_("organization:N or startup:N (N: the record number)")),
            ("name", N_("organization or startup name")),
            ("kind", N_("government, university, enterprise, incubator or startup")),
            ("partnerships", N_("partnerships it takes part in")),
        ), network_nodes),
        Dataset("network-edges", _l("Network: partnerships between them"), (
            ("source", N_("node id of the side that posted the need")),
            ("target", N_("node id of the other side")),
            ("status", N_("proposed, active, completed or ended")),
        ), network_edges),
    )
}  # fmt: skip


def rows(name: str) -> list[dict]:
    """The rows of dataset `name`, counted at most once a minute or so for the dashboard and open data."""
    return remembered(f"dataset:{name}", DATASETS[name].rows)
