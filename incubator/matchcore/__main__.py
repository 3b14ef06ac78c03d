"""Command line: python -m incubator.matchcore rank --sources S.jsonl --targets T.jsonl --top-k 10.

Its defaults are `MatchParams()`, the platform's matching runs' (background IDF, glossary,
whole-profile cosines); --no-background, --no-glossary and --segments depart from them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from incubator.matchcore.documents import Match
from incubator.matchcore.jsonl import InputError, read_documents
from incubator.matchcore.params import MatchParams
from incubator.matchcore.scale import AUTO

DEFAULTS = MatchParams()


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    main = argparse.ArgumentParser(prog="python -m incubator.matchcore", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    rank = commands.add_parser("rank", help="rank targets for every source, one JSON line per source")
    rank.add_argument("--sources", required=True, help="JSON lines: id, text, optional kind and tags")
    rank.add_argument("--targets", required=True, help="JSON lines: id, text, optional kind and tags")
    rank.add_argument("--top-k", type=int, default=10, help="matches per source (default 10)")
    rank.add_argument("--explain", action="store_true", help="list the terms behind each score")
    _add_switches(rank)
    return main


def _add_switches(rank: argparse.ArgumentParser) -> None:
    """Add the scoring switches; each defaults to `MatchParams()` (None: not given)."""
    on_off = {True: "on", False: "off"}
    rank.add_argument(
        "--glossary",
        action=argparse.BooleanOptionalAction,
        help="match English and Vietnamese terms through the shipped glossary, so each language finds "
        f"the other (default {on_off[DEFAULTS.glossary]})",
    )
    rank.add_argument(
        "--background",
        action=argparse.BooleanOptionalAction,
        help="blend the shipped background corpus into the IDF, damping generic words in a small corpus "
        f"(default {on_off[DEFAULTS.background]})",
    )
    rank.add_argument(
        "--segments",
        action="store_const",
        const=AUTO,
        dest="segment_weight",
        help="score targets made of parts (joined by ' \\n') per part too, below 10,000 targets "
        "(the default, as the platform)",
    )
    rank.add_argument(
        "--no-segments",
        action="store_const",
        const=0.0,
        dest="segment_weight",
        help="whole-profile cosines only, even for targets made of parts",
    )


def params(args: argparse.Namespace) -> MatchParams:
    """`MatchParams()` with the switches given on the command line."""
    given = {name: getattr(args, name) for name in ("glossary", "background", "segment_weight")}
    return MatchParams(**{name: value for name, value in given.items() if value is not None})


def _line(source: str, matches: list[Match]) -> str:
    """Format one source's matches as a JSON line."""
    rows = [{"target": m.target, "score": m.score, "terms": list(m.terms)} for m in matches]
    return json.dumps({"source": source, "matches": rows}, ensure_ascii=False)


def rank(
    sources_path: str, targets_path: str, k: int, explain: bool, settings: MatchParams = DEFAULTS
) -> list[str]:
    """Read and validate both files, then return the output lines (nothing is printed here)."""
    sources, targets = read_documents(sources_path), read_documents(targets_path)
    from incubator.matchcore.rank import Matcher  # after validation: bad input fails fast

    try:
        matcher = Matcher(settings).fit(targets)
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
        lines = rank(args.sources, args.targets, args.top_k, args.explain, params(args))
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
