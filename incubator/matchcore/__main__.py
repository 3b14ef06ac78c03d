"""Command line: python -m incubator.matchcore rank --sources S.jsonl --targets T.jsonl --top-k 10."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from functools import partial

from incubator.matchcore.documents import Match
from incubator.matchcore.jsonl import InputError, read_documents


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    main = argparse.ArgumentParser(prog="python -m incubator.matchcore", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    rank = commands.add_parser("rank", help="rank targets for every source, one JSON line per source")
    rank.add_argument("--sources", required=True, help="JSON lines: id, text, optional kind and tags")
    rank.add_argument("--targets", required=True, help="JSON lines: id, text, optional kind and tags")
    rank.add_argument("--top-k", type=int, default=10, help="matches per source (default 10)")
    rank.add_argument("--explain", action="store_true", help="list the terms behind each score")
    rank.add_argument(
        "--glossary",
        action="store_true",
        help="match English and Vietnamese terms through the shipped glossary (cross-language)",
    )
    return main


def _lines(results: dict[str, list[Match]]) -> list[str]:
    """Format each source's matches as one JSON line, each target id encoded once.

    Byte for byte what `json.dumps({"source": ..., "matches": [...]}, ensure_ascii=False)` writes.
    """
    dumps = partial(json.dumps, ensure_ascii=False)
    encoded: dict[str, str] = {}

    def text(value: str) -> str:
        found = encoded.get(value)
        if found is None:
            found = encoded[value] = dumps(value)
        return found

    def number(value: float) -> str:
        return repr(value) if type(value) is float and math.isfinite(value) else dumps(value)

    lines = []
    for source, matches in results.items():
        rows = ", ".join(
            f'{{"target": {text(m.target)}, "score": {number(m.score)}, '
            f'"terms": {dumps(list(m.terms)) if m.terms else "[]"}}}'
            for m in matches
        )
        lines.append(f'{{"source": {dumps(source)}, "matches": [{rows}]}}')
    return lines


def rank(sources_path: str, targets_path: str, k: int, explain: bool, glossary: bool = False) -> list[str]:
    """Read and validate both files, then return the output lines (nothing is printed here)."""
    sources, targets = read_documents(sources_path), read_documents(targets_path)
    from incubator.matchcore.rank import Matcher, MatchParams  # after validation: bad input fails fast

    try:
        matcher = Matcher(MatchParams(glossary=glossary)).fit(targets)
    except ValueError as error:
        raise InputError(targets_path, 1, str(error)) from None
    results = matcher.top_k(sources, None, k, None, explain)
    return _lines(results)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input gets one error line on stderr and status 2."""
    args = parser().parse_args(argv)
    if args.top_k < 1:
        parser().error("--top-k must be at least 1")
    try:
        lines = rank(args.sources, args.targets, args.top_k, args.explain, args.glossary)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
