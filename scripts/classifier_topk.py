"""Ensemble members that fine-tune only the top K encoder layers over a frozen trunk.

Why: two full MiniLM members cost ~22 MB int8 each (11.7 MB word embeddings + 10.6 MB
layers), over the ~25 MB budget.  A member that shares the trunk's embeddings and bottom
``6 - K`` layers and owns only its top K layers (+ head) costs ~1.8 MB int8 per layer, so
trunk + members would fit one ONNX graph (no exporter: on CV fold 0 no member helped, see the model card).

The trunk is a full fine-tune saved by ``train_classifier.py`` (its ``WORK/states`` file, found
from ``--trunk-flags``, the trunk's own flags).  The member's top layers start from the base
model (``--init base``) or from the trunk (``--init trunk``); its head is new (seeded).  The
bottom hidden states are computed once in eval mode (no dropout), so a member trains in
about K/6 of a full run's time.  Data flags are ``train_classifier.py``'s (the member's recipe).

    .venv-train/bin/python scripts/classifier_topk.py --mode cv --fold K --top-k 1 \
        --trunk-flags "" --work W <recipe flags>          # writes W/oof_topk_<tag>.json
    .venv-train/bin/python scripts/classifier_topk.py --mode final --top-k 1 ...  # W/states
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import shlex
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import train_classifier as tc  # noqa: E402
from classifier_data import LABELS, Example, build_data  # noqa: E402
from torch import nn  # noqa: E402

from ladder.classify import format_input  # noqa: E402


def ext_mask(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """Additive attention mask (batch, 1, 1, seq): 0 for tokens, dtype-min for padding."""
    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


class Top(nn.Module):
    """The member: top K BERT layers + dropout + linear head, on the trunk's layer-(6-K) output."""

    def __init__(self, layers: list[nn.Module], hidden: int, n_out: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, n_out)

    def forward(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        em = ext_mask(mask, h.dtype)
        for layer in self.layers:
            h = layer(h, em)
        return self.head(self.drop(mean_pool(h, mask)))


def trunk_state(flags: str, mode: str, fold: int, work: Path) -> Path:
    """``WORK/states`` file of the train_classifier.py run with ``flags`` (same mode / fold)."""
    targs = tc.build_parser().parse_args(shlex.split(flags) + ["--mode", mode, "--fold", str(fold)])
    data = build_data(targs, work / "data_cache.json")
    n = len(data["train_dev"] if mode == "cv" else data["train"])
    keep = {k: v for k, v in vars(targs).items() if k not in ("soup", "work", "no_ship", "threads")}
    keep = tc.tag_args(keep)
    tag = hashlib.sha1(json.dumps(keep | {"seed": targs.seed, "n": n}, sort_keys=True).encode())
    path = work / "states" / f"{tag.hexdigest()[:12]}.pt"
    if not path.exists():
        raise SystemExit(f"trunk state {path} missing: run train_classifier.py {flags} --mode {mode} --fold {fold}")
    return path


def load_trunk(path: Path, base: Path) -> tc.Classifier:
    model = tc.Classifier(base, len(LABELS))
    model.load_state_dict(torch.load(path))
    return model.eval()


@torch.no_grad()
def bottom_states(trunk: tc.Classifier, base: Path, texts: list[str], split: int) -> list[torch.Tensor]:
    """Layer-``split`` hidden states per text (no padding kept), trunk in eval mode."""
    out: list[torch.Tensor] = [torch.empty(0)] * len(texts)
    enc = trunk.encoder
    for idx, feeds in tc.batches(tc.tokenizer(base), texts, 32):
        h = enc.embeddings(input_ids=feeds["input_ids"], token_type_ids=feeds["token_type_ids"])
        em = ext_mask(feeds["attention_mask"], h.dtype)
        for layer in enc.encoder.layer[:split]:
            h = layer(h, em)
        for r, i in enumerate(idx):
            out[i] = h[r, : int(feeds["attention_mask"][r].sum())].clone()
    return out


def pad(states: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(s.shape[0] for s in states)
    h = torch.zeros((len(states), width, states[0].shape[1]))
    mask = torch.zeros((len(states), width), dtype=torch.long)
    for r, s in enumerate(states):
        h[r, : s.shape[0]], mask[r, : s.shape[0]] = s, 1
    return h, mask


def train_top(train_set: list[Example], states: list[torch.Tensor], trunk: tc.Classifier, base: Path,
              args: Any) -> Top:
    """train_classifier.train's loss, optimiser and schedule, for the top K layers + head."""
    tc.seed_all(args.seed)
    split = 6 - args.top_k
    if args.init == "trunk":
        layers = [copy.deepcopy(lay) for lay in trunk.encoder.encoder.layer[split:]]
    else:
        from transformers import AutoModel

        fresh = AutoModel.from_pretrained(str(base), attn_implementation="eager")
        layers = [copy.deepcopy(lay) for lay in fresh.encoder.layer[split:]]
    model = Top(layers, trunk.encoder.config.hidden_size, len(LABELS))
    allowed = torch.zeros((len(train_set), len(LABELS)), dtype=torch.bool)
    for i, e in enumerate(train_set):
        for lab in e.labels:
            allowed[i, LABELS.index(lab)] = True
    weights = torch.tensor([e.weight for e in train_set])
    opt = torch.optim.AdamW([{"params": list(model.layers.parameters()), "lr": args.lr},
                             {"params": list(model.head.parameters()), "lr": args.lr * args.head_lr_mult}],
                            weight_decay=0.01)
    rng = random.Random(args.seed)
    bs = args.batch_size
    total = ((len(states) + bs - 1) // bs) * args.epochs
    sched = tc.warmup_decay(opt, total)
    for epoch in range(args.epochs):
        model.train()
        t0, run_loss = time.time(), 0.0
        perm = list(range(len(states)))
        rng.shuffle(perm)
        plan = []
        for c in range(0, len(perm), bs * 8):  # length-bucketed batches inside chunks of 8
            chunk = sorted(perm[c:c + bs * 8], key=lambda i: (states[i].shape[0], i))
            plan += [chunk[s:s + bs] for s in range(0, len(chunk), bs)]
        rng.shuffle(plan)
        for idx in plan:
            h, mask = pad([states[i] for i in idx])
            logp = torch.log_softmax(model(h, mask), dim=-1)
            nll = -torch.logsumexp(logp.masked_fill(~allowed[idx], float("-inf")), dim=-1)
            loss = (nll * weights[idx]).sum() / weights[idx].sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            run_loss += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{args.epochs} loss {run_loss / len(states):.4f} ({time.time() - t0:.1f}s)",
              flush=True)
    return model.eval()


@torch.no_grad()
def top_proba(model: Top, states: list[torch.Tensor], bs: int = 32) -> np.ndarray:
    out = np.zeros((len(states), len(LABELS)), dtype=np.float32)
    order = sorted(range(len(states)), key=lambda i: states[i].shape[0])
    for s in range(0, len(order), bs):
        idx = order[s:s + bs]
        h, mask = pad([states[i] for i in idx])
        out[idx] = torch.softmax(model(h, mask), dim=-1).numpy()
    return out


def main() -> None:
    ap = tc.build_parser()
    ap.add_argument("--top-k", type=int, default=1, help="encoder layers the member owns (top K)")
    ap.add_argument("--init", choices=["base", "trunk"], default="base", help="start of the top layers")
    ap.add_argument("--trunk-flags", default="", help="train_classifier.py flags of the trunk run")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    tc.FMT[0] = args.input_format
    base, work = tc.minilm_dir(), Path(args.work)
    trunk = load_trunk(trunk_state(args.trunk_flags, args.mode, args.fold, work), base)
    data = build_data(args, work / "data_cache.json")
    train_set = data["train_dev"] if args.mode in ("dev", "cv") else data["train"]
    counts: dict[str, int] = {}
    for e in train_set:
        counts[e.origin] = counts.get(e.origin, 0) + 1
    print("train examples", len(train_set), counts, flush=True)
    t0 = time.time()
    split = 6 - args.top_k
    fmt = args.input_format
    states = bottom_states(trunk, base, [format_input(e.sentence, e.source, e.target, fmt) for e in train_set], split)
    model = train_top(train_set, states, trunk, base, args)
    tag = hashlib.sha1(json.dumps(vars(args), sort_keys=True).encode()).hexdigest()[:8]
    report: dict[str, Any] = {"args": vars(args), "train_counts": counts, "train_seconds": round(time.time() - t0, 1)}
    (work / "states").mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), work / "states" / f"topk_{tag}.pt")
    if args.mode in ("dev", "cv"):
        items = data["plv_dev"]
        dev_states = bottom_states(trunk, base, [format_input(e.sentence, e.source, e.target, fmt) for e in items], split)
        probs = top_proba(model, dev_states)
        report["plv_dev"] = tc.score(items, probs)
        oof = {"keys": [[e.sentence, e.source, e.target, e.gold] for e in items], "probs": probs.round(6).tolist()}
        (work / f"oof_topk_{tag}.json").write_text(json.dumps(oof))
        print("oof", work / f"oof_topk_{tag}.json", flush=True)
    print(json.dumps(report, indent=1), flush=True)
    (work / f"report_topk_{args.mode}_{tag}.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
