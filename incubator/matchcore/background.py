"""A background corpus shipped with matchcore, so document frequencies mean something on day one.

A platform starts with tens of profiles: too few for IDF to tell "company" or "giải pháp" from
"bảo trì dự đoán". `data/background.jsonl` holds 476 short profiles written for this project
(English and Vietnamese, with and without diacritics, over the province's strategic industries;
see data/README.md). Their document frequencies are blended with the live corpus's when
`MatchParams.background` is on (the default); at province scale the live corpus outweighs them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def background_texts() -> tuple[str, ...]:
    """The background profiles' texts, in file order."""
    with (DATA / "background.jsonl").open(encoding="utf-8") as lines:
        return tuple(json.loads(line)["text"] for line in lines if line.strip())
