"""Read documents from JSON lines, validating every line before anything is ranked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from incubator.matchcore.documents import Document


class InputError(ValueError):
    """Bad input, with the file and line it was found on."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        """Keep where the problem is and what it is."""
        super().__init__(f"{path}:{line}: {reason}")


def _decode(path: Path, number: int, raw: bytes) -> dict[str, Any]:
    """Decode one line as a UTF-8 JSON object."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(path, number, "not valid UTF-8") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, number, f"not valid JSON ({error.msg})") from None
    if not isinstance(value, dict):
        raise InputError(path, number, "expected a JSON object")
    return value


def _document(path: Path, number: int, value: dict[str, Any]) -> Document:
    """Build a Document from one parsed line, checking the field types."""
    doc_id, text = value.get("id"), value.get("text")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or doc_id == "":
        raise InputError(path, number, "missing or invalid 'id' (a string or an integer)")
    if not isinstance(text, str):
        raise InputError(path, number, "missing or invalid 'text' (a string)")
    kind, tags = value.get("kind", ""), value.get("tags", [])
    if not isinstance(kind, str):
        raise InputError(path, number, "invalid 'kind' (a string)")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InputError(path, number, "invalid 'tags' (a list of strings)")
    return Document(str(doc_id), kind, text, tuple(tags))


def read_documents(path: Path | str) -> list[Document]:
    """Return the documents of a JSON-lines file, or raise InputError naming file and line."""
    path = Path(path)
    try:
        lines = path.read_bytes().splitlines()
    except OSError as error:
        raise InputError(path, 0, f"cannot read ({error.strerror})") from None
    documents, seen = [], {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            raise InputError(path, number, "empty line")
        document = _document(path, number, _decode(path, number, raw))
        if document.id in seen:
            raise InputError(
                path, number, f"duplicate id {document.id!r} (first on line {seen[document.id]})"
            )
        seen[document.id] = number
        documents.append(document)
    if not documents:
        raise InputError(path, 1, "empty file: no documents")
    return documents
