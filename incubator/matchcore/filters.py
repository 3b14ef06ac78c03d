"""Hard filters on pairs: which target kinds a source kind may meet, excluded pairs, a predicate."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from incubator.matchcore.documents import Document


@dataclass(frozen=True)
class Allowed:
    """Which pairs may be suggested.

    kinds: source kind → target kinds it may meet; None allows every kind, and a source
    whose kind is missing from the mapping meets nothing.
    excluded: (source id, target id) pairs never suggested, e.g. pairs staff rejected.
    exclude_self: never pair a document with itself (same id on both sides).
    predicate: any further rule `(source, target) -> bool`, applied after scoring.
    """

    kinds: Mapping[str, Collection[str]] | None = None
    excluded: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    exclude_self: bool = True
    predicate: Callable[[Document, Document], bool] | None = None

    def target_kinds(self, source_kind: str, all_kinds: Collection[str]) -> frozenset[str]:
        """Return the target kinds a source of `source_kind` may meet."""
        if self.kinds is None:
            return frozenset(all_kinds)
        return frozenset(self.kinds.get(source_kind, ())) & frozenset(all_kinds)

    def permits(self, source: Document, target: Document) -> bool:
        """Tell whether the pair passes the excluded set, the self rule and the predicate."""
        if self.exclude_self and source.id == target.id:
            return False
        if (source.id, target.id) in self.excluded:
            return False
        return self.predicate is None or self.predicate(source, target)


ALLOW_ALL = Allowed()
