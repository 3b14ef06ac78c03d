"""The open datasets: each a name, a title, typed and documented fields and the rows (aggregates only,
no person). One definition serves the dashboard, the JSON and CSV, the Data Package and the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from incubator.dashboard import network, services
from incubator.dashboard.aggregates import remembered
from incubator.i18n import lazy_gettext as _l
from incubator.labs.models import BOOKING_STATUSES
from incubator.matching.models import REJECT_REASONS
from incubator.organizations.models import ORGANIZATION_KINDS
from incubator.partnerships.models import OUTCOME_KINDS, PARTNERSHIP_STATUSES
from incubator.startups.models import STAGES

PUBLISHED_APPLICATION_STATUSES = services.PUBLISHED_APPLICATION_STATUSES


@dataclass(frozen=True)
class Field:
    """A column: its name, Table Schema type, what it holds in English and Vietnamese, its allowed values."""

    name: str
    type: str  # a Table Schema type: string, integer, number or date
    en: str
    vi: str
    enum: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """The English description, the allowed values listed first when there are some."""
        return f"{either(self.enum)}{'; ' if self.en else ''}{self.en}" if self.enum else self.en

    @property
    def description_vi(self) -> str:
        """The Vietnamese description, the allowed values listed first when there are some."""
        return f"{either(self.enum, 'hoặc')}{'; ' if self.vi else ''}{self.vi}" if self.enum else self.vi


def either(values: tuple[str, ...], word: str = "or") -> str:
    """`a, b or c`."""
    return f"{', '.join(values[:-1])} {word} {values[-1]}" if len(values) > 1 else "".join(values)


@dataclass(frozen=True)
class Dataset:
    """A published table of figures."""

    name: str
    title: object
    columns: tuple[Field, ...]
    rows: Callable[[], list[dict]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[dict, ...] = ()

    @property
    def fields(self) -> tuple[tuple[str, str], ...]:
        """(field, what it holds in English): documented on /open-data/ and in the README."""
        return tuple((f.name, f.description) for f in self.columns)

    @property
    def table_fields(self) -> tuple[tuple[str, str], ...]:
        """The fields the dashboard's tables show: record numbers left out (the names say the same)."""
        return tuple(f for f in self.fields if not f[0].endswith("_id"))


def network_nodes() -> list[dict]:
    """Organizations and partnered startups with their number of partnerships."""
    placed = network.nodes(network.edges())
    return [{"id": n.id, "name": n.name, "kind": n.kind, "partnerships": n.partnerships} for n in placed]


def network_edges() -> list[dict]:
    """One row per partnership between two nodes."""
    return [
        {
            "partnership_id": e["partnership"],
            "source": e["source"],
            "target": e["target"],
            "status": e["status"],
        }
        for e in network.edges()
    ]


def count(what: str, vi: str) -> Field:
    """A count column named `what`."""
    return Field(what, "integer", f"number of {what}", f"số {vi}")


def lab_columns() -> tuple[Field, ...]:
    """The columns naming a public lab and its university by id and by name."""
    return (
        Field("lab_id", "integer", "the lab's record number (stable)",
              "mã số của phòng thí nghiệm (cố định)"),
        Field("lab", "string", "lab name", "tên phòng thí nghiệm"),
        Field("organization_id", "integer", "the university's record number (stable)",
              "mã số của trường đại học (cố định)"),
        Field("organization", "string", "the lab's university", "trường đại học của phòng thí nghiệm"),
    )  # fmt: skip


PARTNERSHIP_STATUS = Field("status", "string", "", "", PARTNERSHIP_STATUSES)
NODE_KEY = {"fields": "", "reference": {"resource": "network-nodes", "fields": "id"}}
DATASETS = {
    d.name: d
    for d in (
        Dataset("startups-by-stage", _l("Startups by stage"), (
            Field("stage", "string", "", "", STAGES),
            count("startups", "khởi nghiệp"),
        ), services.startups_by_stage, ("stage",)),
        Dataset("startups-by-sector", _l("Startups by sector"), (
            Field("sector", "string", "sector as the startup wrote it (empty: none given)",
                  "lĩnh vực do khởi nghiệp tự ghi (trống: không ghi)"),
            count("startups", "khởi nghiệp"),
        ), services.startups_by_sector),
        Dataset("applications", _l("Applications per program and status"), (
            Field("program_id", "integer", "the incubation program's record number (stable)",
                  "mã số của chương trình ươm tạo (cố định)"),
            Field("program", "string", "incubation program", "chương trình ươm tạo"),
            Field("status", "string", "drafts are never counted", "hồ sơ nháp không bao giờ được tính",
                  PUBLISHED_APPLICATION_STATUSES),
            count("applications", "hồ sơ đăng ký"),
        ), services.applications_by_program, ("program_id", "status")),
        Dataset("lab-utilisation", _l("Lab utilisation: booked hours over open hours"), (
            *lab_columns(),
            Field("first_day", "date", "first day measured (a Monday, two weeks before the current week)",
                  "ngày đầu được đo (thứ Hai, hai tuần trước tuần hiện tại)"),
            Field("last_day", "date", "last day measured (the Sunday of next week)",
                  "ngày cuối được đo (Chủ nhật của tuần sau)"),
            Field("open_hours", "number",
                  "hours the lab is open in those four weeks (opening hours less closed dates)",
                  "số giờ phòng thí nghiệm mở cửa trong bốn tuần đó (giờ mở cửa trừ ngày nghỉ)"),
            Field("booked_hours", "number",
                  "seat-hours of approved seat bookings within the opening hours / capacity",
                  "số giờ-chỗ của các lượt đặt chỗ đã duyệt trong giờ mở cửa / sức chứa"),
            Field("utilisation_percent", "number",
                  "booked_hours / open_hours × 100, one decimal (empty: never open)",
                  "booked_hours / open_hours × 100, một chữ số thập phân (trống: không mở cửa)"),
        ), services.lab_utilisation, ("lab_id",)),
        Dataset("lab-bookings", _l("Lab bookings per lab and status"), (
            *lab_columns(),
            *(Field(status, "integer", f"{status} bookings", f"số lượt đặt lịch {vi}")
              for status, vi in zip(BOOKING_STATUSES, ("đang chờ", "đã duyệt", "bị từ chối", "đã huỷ"),
                                    strict=True)),
        ), services.lab_bookings, ("lab_id",)),
        Dataset("matching-funnel", _l("From suggestion to partnership"), (
            Field("step", "string", "", "", services.FUNNEL_STEPS),
            Field("count", "integer", "number at this step", "số lượng ở bước này"),
            Field("conversion_percent", "number",
                  "percentage of the previous step (empty: first step, or none before)",
                  "phần trăm so với bước trước (trống: bước đầu, hoặc bước trước bằng 0)"),
        ), services.matching_funnel, ("step",)),
        Dataset("partnership-timing", _l("Days from suggestion to partnership"), (
            Field("partnerships", "integer", "partnerships measured", "số quan hệ hợp tác được đo"),
            Field("median_days", "number", "median days from suggestion to partnership (empty when none)",
                  "trung vị số ngày từ gợi ý đến hợp tác (trống khi chưa có)"),
        ), services.partnership_timing),
        Dataset("rejection-reasons", _l("Why suggestions were rejected"), (
            Field("reason", "string", "empty: decided before reasons were recorded",
                  "trống: quyết định trước khi có lý do", REJECT_REASONS),
            Field("suggestions", "integer", "rejected suggestions", "số gợi ý bị từ chối"),
        ), services.rejection_reasons),
        Dataset("partnerships-by-status", _l("Partnerships by status"), (
            PARTNERSHIP_STATUS,
            count("partnerships", "quan hệ hợp tác"),
        ), services.partnerships_by_status, ("status",)),
        Dataset("partnership-outcomes", _l("Partnership outcomes by kind"), (
            Field("kind", "string", "", "", OUTCOME_KINDS),
            count("outcomes", "kết quả hợp tác"),
        ), services.outcomes_by_kind, ("kind",)),
        Dataset("network-nodes", _l("Network: organizations and startups"), (
            Field("id", "string", "organization:N or startup:N (N: the record number)",
                  "organization:N hoặc startup:N (N: mã số bản ghi)"),
            Field("name", "string", "organization or startup name", "tên tổ chức hoặc khởi nghiệp"),
            Field("kind", "string", "", "", (*ORGANIZATION_KINDS, "startup")),
            Field("partnerships", "integer", "partnerships it takes part in", "số quan hệ hợp tác tham gia"),
        ), network_nodes, ("id",)),
        Dataset("network-edges", _l("Network: partnerships between them"), (
            Field("partnership_id", "integer", "the partnership's record number (stable)",
                  "mã số của quan hệ hợp tác (cố định)"),
            Field("source", "string", "node id of the side that posted the need",
                  "mã nút của bên đăng nhu cầu"),
            Field("target", "string", "node id of the other side", "mã nút của bên kia"),
            PARTNERSHIP_STATUS,
        ), network_edges, ("partnership_id",), (
            {**NODE_KEY, "fields": "source"}, {**NODE_KEY, "fields": "target"},
        )),
    )
}  # fmt: skip


def rows(name: str) -> list[dict]:
    """The rows of dataset `name`, counted at most once a minute or so for the dashboard and open data."""
    return remembered(f"dataset:{name}", DATASETS[name].rows)
