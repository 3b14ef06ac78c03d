"""The open datasets through the API: each described with its fields in both languages, and its rows (the
typed rows of /open-data/<name>.json, from the same functions) filtered by equality on its own fields."""

from __future__ import annotations

from incubator.dashboard import contract
from incubator.dashboard.datasets import Dataset

NOT_A = {"integer": "Not a valid integer.", "number": "Not a valid number."}


def described(dataset: Dataset, links: dict[str, str]) -> dict:
    """`dataset` as the API lists it: titles and descriptions (English, Vietnamese), fields, addresses."""
    title, notes = contract.titles(dataset), contract.field_notes(dataset)
    return {
        "name": dataset.name,
        "title": title["en"],
        "title_vi": title["vi"],
        "description": notes["en"],
        "description_vi": notes["vi"],
        "fields": [
            {
                "name": f.name,
                "type": f.type,
                "description": f.description,
                "description_vi": f.description_vi,
                "enum": list(f.enum),
            }
            for f in dataset.columns
        ],
        "primary_key": list(dataset.primary_key),
        "links": links,
    }


def wanted_values(dataset: Dataset, filters: dict[str, str]) -> tuple[dict, dict[str, list[str]]]:
    """The filters as typed values (an empty value asks for an empty cell), and the messages of those
    refused: a field the dataset does not have, a value its type cannot read."""
    columns = {f.name: f for f in dataset.columns}
    wanted, refused = {}, {}
    for name, text in filters.items():
        if name not in columns:
            refused[name] = ["Unknown field."]
            continue
        try:
            wanted[name] = contract.typed(dataset, {name: text})[name]
        except ValueError:
            refused[name] = [NOT_A[columns[name].type]]
    return wanted, refused


def matching_rows(name: str, wanted: dict) -> list[dict]:
    """The typed rows of dataset `name` whose fields equal every `wanted` value."""
    return [row for row in contract.table(name) if all(row[k] == v for k, v in wanted.items())]
