"""Score variants of the trigger-evidence rule of ``ladder.type_evidence`` by nested CV.

    .venv/bin/python scripts/classifier_evidence_variants.py OOF_F0.json OOF_F1.json OOF_F2.json

Same out-of-fold files and scoring as ``classifier_evidence_cv.py`` (PLV test is never
read); the variants change which triggers count as "on the path" between source and
target before the weights are chosen on two folds and scored on the third:

* ``conj``: a verb conjoined to an on-path verb trigger is on the path too
  ("convicted X and sentenced him");
* ``obj``: an event noun that is the object of an on-path verb trigger is not
  ("accepted demands" is no REQUEST);
* ``req``: appeals (CAMEO 02x, no PLOVER root) count as REQUEST evidence.

Session 9: none beat the shipped rule (README, "How `classify` uses the lexicon").
"""

from __future__ import annotations

import itertools
from typing import Any

from classifier_evidence_cv import setup

from ladder import type_evidence
from ladder.classify import NONE_LABEL, decide
from ladder.coding import plover_of
from ladder.evaluate import plv_quad, plv_root
from ladder.triggers import TriggerLexicon
from ladder.type_evidence import TriggerHit, actor_path

GRID = list(itertools.product((0.0, 0.5, 1.0, 1.5, 2.0), (1.0, 2.0, 3.0, 4.0)))
VARIANTS: tuple[tuple[str, ...], ...] = ((), ("conj",), ("obj",), ("req",), ("conj", "obj", "req"))


def hits(doc: Any, triggers: TriggerLexicon, src: str, tgt: str, variant: tuple[str, ...]) -> list[TriggerHit]:
    path = actor_path(doc, src, tgt)
    codes: dict[int, str] = {}
    for tok in doc:
        m = triggers.match_verb(tok) if tok.pos_ in ("VERB", "AUX") else (
            triggers.match_noun(tok) if tok.pos_ == "NOUN" else None)
        if m is not None:
            codes[tok.i] = str(m.code)
    on = {i: i in path for i in codes}
    for i in codes:
        t, head = doc[i], doc[i].head.i
        if "conj" in variant and t.dep_ == "conj" and t.pos_ == "VERB" and on.get(head):
            on[i] = True
        if "obj" in variant and t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and head != i and on.get(head):
            on[i] = False
    out = []
    for i, code in codes.items():
        plover = plover_of(code)[0]
        if plover is None and "req" in variant and code[:2] == "02":
            plover = "REQUEST"
        out.append(TriggerHit(i, code, plover, on[i]))
    return out


def main() -> int:
    paths, labels, triggers, rows = setup(__doc__)
    for variant in VARIANTS:
        hs = [hits(r[3], triggers, r[4], r[5], variant) for r in rows]

        def score(w: tuple[float, float], idx: list[int], hs: list[list[TriggerHit]] = hs) -> tuple[float, float]:
            ok_root = ok_quad = 0
            for i in idx:
                row = rows[i][2].copy()
                row[labels.index(NONE_LABEL)] = 0.0
                row = type_evidence.apply_bonus(row / row.sum(), labels, type_evidence.type_bonus(hs[i], *w))
                pred, gold = plv_root(decide(row, labels)[0]), rows[i][1]
                ok_root += pred == gold
                ok_quad += plv_quad(pred) == plv_quad(gold)
            return ok_root / len(idx), ok_quad / len(idx)

        n = root = quad = 0.0
        for fold in range(len(paths)):
            train = [i for i, r in enumerate(rows) if r[0] != fold]
            test = [i for i, r in enumerate(rows) if r[0] == fold]
            w = max(GRID, key=lambda w: sum(score(w, train)))
            r_, q_ = score(w, test)
            n, root, quad = n + len(test), root + r_ * len(test), quad + q_ * len(test)
        print(f"{'+'.join(variant) or 'shipped':14s} nested root {root / n:.3f} quad {quad / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
