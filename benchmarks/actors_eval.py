"""Actor resolution accuracy on the PLOVER GSR and coverage on PLV.

Why: actor countries were the weakest part of the prototype (~0.5 F1).  This
reports, for every gold actor string of ``plover_gsr_cameo.jsonl``, whether
``ActorResolver.resolve_text`` gives the gold country (ISO-3, or IGO/NGO/IMG) and,
where gold has one, the gold sector; and for ``plv_plover_root.jsonl`` the share of
source/target strings that resolve to anything.  A second GSR pass resolves the
same strings as spans of the parsed sentence (NER and POS available).

Usage: ``python benchmarks/actors_eval.py [--shared ../shared] [--errors 30]``
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from ladder.actors import ActorResolver
from ladder.lexicon import iso3_of

ROOT = Path(__file__).resolve().parents[1]
#: typos in the GSR gold codes (not ISO-3), mapped to what the annotators meant
GOLD_FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _country(code: str | None) -> str | None:
    if code is None:
        return None
    return iso3_of().get(code, code)


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def gsr(resolver: ActorResolver, records: list[dict], parsed: bool, show: int) -> dict[str, float]:
    n = ok = sec_n = sec_ok = found = 0
    errors: list[str] = []
    for rec in records:
        doc = resolver.nlp(rec["text"]) if parsed else None
        for role in ("source", "target"):
            for gold in rec["labels"].get(role) or []:
                text, code = gold.get("actorText"), gold.get("code")
                if not text or not code:
                    continue
                code = GOLD_FIX.get(code, code)
                if doc is not None:
                    at = rec["text"].find(text)
                    span = doc.char_span(at, at + len(text), alignment_mode="expand") if at >= 0 else None
                    actors = resolver.resolve(span, role=role) if span is not None else []
                else:
                    actors = resolver.resolve_text(text, role=role)
                n += 1
                got = actors[0] if actors else None
                found += got is not None
                hit = got is not None and _country(got.country) == code
                ok += hit
                if not hit and len(errors) < show:
                    errors.append(f"  {text!r}: gold {code} got {got.code if got else None}")
                sector = (gold.get("sector") or "")[:3]
                if sector and sector != "***":
                    sec_n += 1
                    sec_ok += got is not None and got.sector == sector
    if errors:
        print("\n".join(errors))
    return {"actors": n, "resolved": found / n, "country_acc": ok / n,
            "sector_n": sec_n, "sector_acc": sec_ok / max(sec_n, 1)}


def plv(resolver: ActorResolver, records: list[dict]) -> dict[str, float]:
    n = found = 0
    kinds: Counter[str] = Counter()
    for rec in records:
        for role in ("source", "target"):
            text = rec["labels"].get(role)
            if not text:
                continue
            n += 1
            actors = resolver.resolve_text(text, role=role)
            found += bool(actors)
            if actors:
                kinds[actors[0].country or "sector-only"] += 1
    return {"strings": n, "coverage": found / max(n, 1),
            "sector_only_share": kinds["sector-only"] / max(found, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--errors", type=int, default=0, help="print this many GSR misses")
    args = ap.parse_args()
    ev = Path(args.shared) / "eval"
    resolver = ActorResolver()
    t0 = time.time()
    gsr_recs = _load(ev / "plover_gsr_cameo.jsonl")
    print("GSR resolve_text:", json.dumps(gsr(resolver, gsr_recs, False, args.errors)))
    print("GSR parsed span: ", json.dumps(gsr(resolver, gsr_recs, True, 0)))
    print("PLV coverage:    ", json.dumps(plv(resolver, _load(ev / "plv_plover_root.jsonl"))))
    print(f"elapsed {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
