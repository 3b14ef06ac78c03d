"""Command line: python -m incubator.matchcore rank --sources S.jsonl --targets T.jsonl --top-k 10."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

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


def _line(source: str, matches: list[Match]) -> str:
    """Format one source's matches as a JSON line."""
    rows = [{"target": m.target, "score": m.score, "terms": list(m.terms)} for m in matches]
    return json.dumps({"source": source, "matches": rows}, ensure_ascii=False)


def rank(sources_path: str, targets_path: str, k: int, explain: bool, glossary: bool = False) -> list[str]:
    """Read and validate both files, then return the output lines (nothing is printed here)."""
    sources, targets = read_documents(sources_path), read_documents(targets_path)
    from incubator.matchcore.rank import Matcher, MatchParams  # after validation: bad input fails fast

    try:
        matcher = Matcher(MatchParams(glossary=glossary)).fit(targets)
    except ValueError as error:
        raise InputError(targets_path, 1, str(error)) from None
    results = matcher.top_k(sources, None, k, None, explain)
    return [_line(source, matches) for source, matches in results.items()]


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
