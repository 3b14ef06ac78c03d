#!/usr/bin/env python3
"""Validate glossary.tsv, glossary_extra.tsv and background.jsonl (stdlib only).

Usage: python3 check.py [folder]   (default: the folder holding this script)
Exit status 0 when every check passes, 1 otherwise.
"""

import collections
import json
import os
import re
import sys
import unicodedata

DOMAINS = [
    "manufacturing",
    "automation",
    "electronics",
    "food",
    "agriculture",
    "textiles",
    "wood",
    "logistics",
    "energy",
    "environment",
    "chemistry_pharma",
    "construction_materials",
    "ict_ai",
    "ip_law",
]
MIN_ROWS_PER_DOMAIN = 90
MIN_ROWS = 1600
MIN_EXTRA_ROWS_PER_DOMAIN = 350
MIN_EXTRA_ROWS = 6500
MAX_CONCEPT_TERMS = 12  # terms linked by rows form one concept; a bigger one means a wrong link
MIN_TEXTS = 400
MIN_WORDS, MAX_WORDS = 40, 120
# One Vietnamese syllable once folded (onset, vowels, final): "hàn" folds to "han", which is also
# hạn, hán, hân... A one-word Vietnamese term like that fires on unrelated words.
ONSET = r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
SYLLABLE = re.compile(ONSET + r"[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?")
VI_MARKS = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")

errors = []


def err(msg):
    errors.append(msg)


def fold(text):
    """Lower case, no diacritics, đ as d: the form the matcher compares."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


def check_glossary(path, min_per_domain=MIN_ROWS_PER_DOMAIN, min_rows=MIN_ROWS, shipped=None):
    """Check one glossary file; with `shipped` (the main file's pairs), apply the extra file's rules."""
    filename = os.path.basename(path)
    label = filename.removesuffix(".tsv")
    per_domain = collections.Counter()
    seen = set()
    vi_terms = set()
    en_terms = set()
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != "domain\ten\tvi":
        err(f"{label}: header must be 'domain\\ten\\tvi'")
    for n, line in enumerate(lines[1:], start=2):
        if line.endswith("\r"):
            err(f"{label}:{n}: CR line ending")
            line = line.rstrip("\r")
        if unicodedata.normalize("NFC", line) != line:
            err(f"{label}:{n}: not NFC")
        if line.count("\t") != 2:
            err(f"{label}:{n}: expected 2 tabs, got {line.count(chr(9))}")
            continue
        domain, en, vi = line.split("\t")
        if domain not in DOMAINS:
            err(f"{label}:{n}: unknown domain {domain!r}")
        for name, val in (("en", en), ("vi", vi)):
            if not val or val != val.strip() or "  " in val:
                err(f"{label}:{n}: bad spacing in {name} {val!r}")
            if val != val.lower():
                err(f"{label}:{n}: {name} not lower case: {val!r}")
        if not 1 <= len(en.split()) <= 4:
            err(f"{label}:{n}: en must have 1-4 words: {en!r}")
        if VI_MARKS.search(en):
            err(f"{label}:{n}: Vietnamese letters in en: {en!r}")
        key = (en, vi)
        if key in seen:
            err(f"{label}:{n}: duplicate row {en!r} / {vi!r}")
        seen.add(key)
        if shipped is not None:
            check_extra_row(label, n, en, vi, shipped)
        per_domain[domain] += 1
        en_terms.add(en)
        vi_terms.add(vi)
    total = sum(per_domain.values())
    for d in DOMAINS:
        if per_domain[d] < min_per_domain:
            err(f"{label}: domain {d} has {per_domain[d]} rows (< {min_per_domain})")
    if total < min_rows:
        err(f"{label}: {total} rows (< {min_rows})")
    unaccented = sum(1 for v in vi_terms if not VI_MARKS.search(v))
    print(
        f"{filename}: {total} rows, {len(en_terms)} distinct en, {len(vi_terms)} distinct vi"
        f" ({unaccented} vi terms without any diacritic, e.g. loanwords)"
    )
    for d in DOMAINS:
        print(f"  {d:24s} {per_domain[d]:5d}")
    return seen


def check_extra_row(label, n, en, vi, shipped):
    """The extra file's own rules: nothing the main file has, no one-syllable Vietnamese term."""
    if (en, vi) in shipped:
        err(f"{label}:{n}: pair already in glossary.tsv: {en!r} / {vi!r}")
    words = re.findall(r"\w+", fold(vi))
    if len(words) == 1 and (VI_MARKS.search(vi) or SYLLABLE.fullmatch(words[0])):
        err(f"{label}:{n}: Vietnamese term folds to one common syllable: {vi!r}")


def check_folding(shipped, extra):
    """An extra Vietnamese term must not fold to another term's letters ("quả dứa" and "quả dừa")."""
    surfaces = collections.defaultdict(set)
    for _, vi in shipped | extra:
        surfaces[" ".join(re.findall(r"\w+", fold(vi)))].add(vi)
    for _, vi in sorted(extra):
        same = surfaces[" ".join(re.findall(r"\w+", fold(vi)))] - {vi}
        if same:
            err(f"glossary_extra: {vi!r} folds like {sorted(same)}")


def background_surfaces(path):
    """Folded n-grams (1-6 words) of the accented Vietnamese background texts, each with its surfaces."""
    index = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line) if line.strip() else {}
            text = unicodedata.normalize("NFC", str(obj.get("text", "")).lower())
            if obj.get("lang") != "vi" or not VI_MARKS.search(text):
                continue
            words = re.findall(r"\w+", text)
            folded = [fold(w) for w in words]
            for n in range(1, 7):
                for i in range(len(words) - n + 1):
                    index[" ".join(folded[i : i + n])][" ".join(words[i : i + n])] += 1
    return index


def check_background_folding(shipped, extra, index):
    """An extra Vietnamese term must not fold to words the background writes with other accents.

    "tủ đông" (freezer) folds to "tu dong", which real profiles write "tự động" (automatic): typed
    without diacritics, the freezer would fire on every automation profile.
    """
    shipped_vi = {vi for _, vi in shipped}
    for en, vi in sorted(extra):
        surfaces = index.get(" ".join(re.findall(r"\w+", fold(vi))))
        if vi in shipped_vi or not surfaces:
            continue
        own = surfaces.get(" ".join(re.findall(r"\w+", vi)), 0)
        other = sum(surfaces.values()) - own
        if other >= 2 and other > own:
            err(f"glossary_extra: {en!r} / {vi!r} folds like {dict(surfaces)} in the background texts")


def check_concepts(pairs):
    """Terms linked by any row form one concept: report the largest, fail on an oversized one."""
    parent = {}

    def root(term):
        while parent.setdefault(term, term) != term:
            parent[term] = parent[parent[term]]
            term = parent[term]
        return term

    for en, vi in pairs:
        a, b = root(tuple(re.findall(r"\w+", fold(en)))), root(tuple(re.findall(r"\w+", fold(vi))))
        if a != b:
            parent[b] = a
    groups = collections.defaultdict(list)
    for term in parent:
        groups[root(term)].append(" ".join(term))
    largest = max(groups.values(), key=len)
    print(f"concepts: {len(groups)} over both glossaries, the largest has {len(largest)} terms")
    for terms in groups.values():
        if len(terms) > MAX_CONCEPT_TERMS:
            err(f"concept of {len(terms)} terms (> {MAX_CONCEPT_TERMS}), a wrong link? {sorted(terms)[:20]}")


def check_background(path):
    ids = set()
    per_domain = collections.Counter()
    per_lang = collections.Counter()
    vi_plain = 0
    per_cell = collections.Counter()
    words_total = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                err(f"background:{n}: empty line")
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                err(f"background:{n}: JSON error {e}")
                continue
            if set(obj) != {"id", "lang", "domain", "text"}:
                err(f"background:{n}: keys must be id, lang, domain, text: {sorted(obj)}")
                continue
            i, lang, domain, text = obj["id"], obj["lang"], obj["domain"], obj["text"]
            if not isinstance(i, str) or not re.fullmatch(r"bg\d{4}", i):
                err(f"background:{n}: bad id {i!r}")
            if i in ids:
                err(f"background:{n}: duplicate id {i!r}")
            ids.add(i)
            if lang not in ("en", "vi"):
                err(f"background:{n}: bad lang {lang!r}")
            if domain not in DOMAINS:
                err(f"background:{n}: bad domain {domain!r}")
            if not isinstance(text, str):
                err(f"background:{n}: text is not a string")
                continue
            if unicodedata.normalize("NFC", text) != text:
                err(f"background:{n}: text not NFC")
            wc = len(text.split())
            words_total += wc
            if not MIN_WORDS <= wc <= MAX_WORDS:
                err(f"background:{n} ({i}): {wc} words (need {MIN_WORDS}-{MAX_WORDS})")
            if lang == "vi" and not VI_MARKS.search(text.lower()):
                vi_plain += 1
            if lang == "en" and VI_MARKS.search(text.lower()):
                err(f"background:{n} ({i}): Vietnamese letters in an en text")
            per_domain[domain] += 1
            per_lang[lang] += 1
            per_cell[(domain, lang)] += 1
    total = sum(per_domain.values())
    if total < MIN_TEXTS:
        err(f"background: {total} texts (< {MIN_TEXTS})")
    print(
        f"background.jsonl: {total} texts, {words_total} words "
        f"(en {per_lang['en']}, vi {per_lang['vi']} of which {vi_plain} without diacritics)"
    )
    for d in DOMAINS:
        print(f"  {d:24s} {per_domain[d]:4d}  (en {per_cell[(d, 'en')]:3d}, vi {per_cell[(d, 'vi')]:3d})")
    return per_domain


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    shipped = check_glossary(os.path.join(folder, "glossary.tsv"))
    extra = check_glossary(
        os.path.join(folder, "glossary_extra.tsv"), MIN_EXTRA_ROWS_PER_DOMAIN, MIN_EXTRA_ROWS, shipped
    )
    check_folding(shipped, extra)
    check_background_folding(shipped, extra, background_surfaces(os.path.join(folder, "background.jsonl")))
    check_concepts(shipped | extra)
    check_background(os.path.join(folder, "background.jsonl"))
    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors[:200]:
            print("  " + e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
