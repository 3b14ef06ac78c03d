"""The open data's contract, built from the dataset definitions: typed rows, the CSV with a BOM, the
Frictionless Data Package (table schemas, licence) and a DCAT-AP catalogue in JSON-LD for CKAN portals."""

from __future__ import annotations

from flask_babel import force_locale

from incubator.csv_export import csv_of_dicts
from incubator.dashboard.datasets import DATASETS, Dataset, rows

PUBLISHER = "Binh Duong Innovation Match"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DESCRIPTION = {
    "en": "Aggregate figures of the Binh Duong innovation ecosystem: startups, applications to incubation "
    "programs (drafts left out), lab use, matching and partnerships. No personal data.",
    "vi": "Số liệu tổng hợp của hệ sinh thái đổi mới sáng tạo Bình Dương: khởi nghiệp, hồ sơ đăng ký "
    "chương trình ươm tạo (không tính hồ sơ nháp), sử dụng phòng thí nghiệm, kết nối và hợp tác. "
    "Không có dữ liệu cá nhân.",
}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
IANA = "http://www.iana.org/assignments/media-types/"
KEYWORDS = ["Bình Dương", "innovation", "đổi mới sáng tạo"]
CASTS = {"integer": int, "number": float, "string": str, "date": str}


def typed(dataset: Dataset, row: dict) -> dict:
    """`row` with every field in its schema type, empty values as null (as the CSV's empty cell reads)."""
    values = {}
    for field in dataset.columns:
        value = row.get(field.name)
        values[field.name] = None if value is None or value == "" else CASTS[field.type](value)
    return values


def table(name: str) -> list[dict]:
    """The rows of dataset `name`, typed as its schema says."""
    return [typed(DATASETS[name], row) for row in rows(name)]


def csv_bytes(name: str) -> bytes:
    """Dataset `name` as CSV in UTF-8 with a byte order mark (Excel then reads Vietnamese correctly)."""
    return csv_of_dicts([f.name for f in DATASETS[name].columns], table(name)).encode("utf-8-sig")


def titles(dataset: Dataset) -> dict[str, str]:
    """The dataset's title in English and in Vietnamese."""
    found = {}
    for language in ("en", "vi"):
        with force_locale(language):
            found[language] = str(dataset.title)
    return found


def schema(dataset: Dataset) -> dict:
    """The Table Schema of `dataset`: typed, described in both languages, allowed values, keys."""
    fields = []
    for f in dataset.columns:
        field = {
            "name": f.name,
            "type": f.type,
            "description": f.description,
            "description_vi": f.description_vi,
        }
        if f.type == "date":
            field["format"] = "default"  # ISO 8601, YYYY-MM-DD
        if f.enum:
            field["constraints"] = {"enum": list(f.enum)}
        fields.append(field)
    found: dict = {"fields": fields, "missingValues": [""]}
    if dataset.primary_key:
        found["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        found["foreignKeys"] = [dict(key) for key in dataset.foreign_keys]
    return found


def data_package(homepage: str) -> dict:
    """The Frictionless (tabular) Data Package: one CSV resource per dataset, paths relative to it."""
    resources = []
    for dataset in DATASETS.values():
        title = titles(dataset)
        resources.append({
            "name": dataset.name, "path": f"{dataset.name}.csv", "profile": "tabular-data-resource",
            "title": title["en"], "title_vi": title["vi"], "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "licenses": [LICENSE], "schema": schema(dataset),
        })  # fmt: skip
    return {
        "profile": "tabular-data-package",
        "name": "binh-duong-innovation-open-data",
        "title": "Binh Duong innovation ecosystem: open data",
        "title_vi": "Dữ liệu mở của hệ sinh thái đổi mới sáng tạo Bình Dương",
        "description": DESCRIPTION["en"],
        "description_vi": DESCRIPTION["vi"],
        "homepage": homepage,
        "licenses": [LICENSE],
        "contributors": [{"title": PUBLISHER, "role": "publisher", "path": homepage}],
        "resources": resources,
    }


def field_notes(dataset: Dataset) -> dict[str, str]:
    """The dataset's fields and what each holds, in English and in Vietnamese."""
    return {
        "en": "; ".join(f"{f.name}: {f.description}" for f in dataset.columns),
        "vi": "; ".join(f"{f.name}: {f.description_vi}" for f in dataset.columns),
    }


def texts(by_language: dict[str, str]) -> list[dict]:
    """JSON-LD language-tagged strings."""
    return [{"@value": text, "@language": language} for language, text in by_language.items()]


def catalog(site: str, homepage: str, package: str, dataset_url: dict[str, dict[str, str]]) -> dict:
    """A DCAT-AP catalogue in JSON-LD: the catalogue, each dataset and its CSV and JSON distributions.

    `dataset_url[name][format]` is the absolute address of one file; `site` names the publisher."""
    publisher = {"@id": site, "@type": "foaf:Agent", "foaf:name": PUBLISHER}
    license_ = {"@id": LICENSE["path"], "@type": "dct:LicenseDocument"}
    datasets = []
    for dataset in DATASETS.values():
        title = titles(dataset)
        distributions = [
            {
                "@id": dataset_url[dataset.name][form], "@type": "dcat:Distribution",
                "dct:title": f"{title['en']} ({form.upper()})", "dct:format": form.upper(),
                "dcat:mediaType": {"@id": IANA + MEDIA_TYPES[form]},
                "dcat:accessURL": {"@id": dataset_url[dataset.name][form]},
                "dcat:downloadURL": {"@id": dataset_url[dataset.name][form]},
                "dct:license": license_, "dct:conformsTo": {"@id": package},
            }
            for form in ("csv", "json")
        ]  # fmt: skip
        datasets.append({
            "@id": f"{homepage}#{dataset.name}", "@type": "dcat:Dataset", "dct:identifier": dataset.name,
            "dct:title": texts(title),
            "dct:description": texts(field_notes(dataset)),
            "dct:publisher": publisher, "dct:license": license_, "dcat:landingPage": {"@id": homepage},
            "dcat:keyword": KEYWORDS, "dcat:distribution": distributions,
        })  # fmt: skip
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": f"{homepage}catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": texts({"en": "Binh Duong innovation ecosystem: open data",
                            "vi": "Dữ liệu mở của hệ sinh thái đổi mới sáng tạo Bình Dương"}),
        "dct:description": texts(DESCRIPTION),
        "dct:publisher": publisher,
        "dct:license": license_,
        "dct:language": [{"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
                         {"@id": "http://publications.europa.eu/resource/authority/language/ENG"}],
        "foaf:homepage": {"@id": homepage},
        "dcat:dataset": datasets,
    }  # fmt: skip
