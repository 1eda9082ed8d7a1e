"""Export trunk + top-K members (classifier_topk.py) as ONE ONNX graph, dynamic int8.

The graph shares the trunk's embeddings and layers; each member branches off at layer 6 - K
and owns its top K layers and head.  Output ``logits`` = log(mean of the members'
softmax probabilities), so ``ladder.classify`` (softmax of ``logits``) returns the
probability average with no runtime change; ``labels.json`` keeps its format
(``activation_quantization: dynamic`` -> one sentence per call).

    .venv-train/bin/python scripts/classifier_ensemble_export.py --trunk-flags "" \
        --member W/states/topk_<tag>.pt [--member ...] --work W --out DIR
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import train_classifier as tc  # noqa: E402
from classifier_data import LABELS  # noqa: E402
from classifier_topk import Top, ext_mask, load_trunk, mean_pool, trunk_state  # noqa: E402
from torch import nn  # noqa: E402

from ladder.classify import format_input  # noqa: E402


class EnsembleGraph(nn.Module):
    def __init__(self, trunk: tc.Classifier, members: list[Top]) -> None:
        super().__init__()
        self.trunk = trunk
        self.members = nn.ModuleList(members)
        n = trunk.encoder.config.num_hidden_layers
        self.splits = [n - len(m.layers) for m in members]

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                token_type_ids: torch.Tensor) -> torch.Tensor:
        enc = self.trunk.encoder
        h = enc.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
        em = ext_mask(attention_mask, h.dtype)
        saved = {}
        for i, layer in enumerate(enc.encoder.layer):
            if i in self.splits:
                saved[i] = h
            h = layer(h, em)
        probs = [torch.softmax(self.trunk.head(mean_pool(h, attention_mask)), dim=-1)]
        for split, m in zip(self.splits, self.members, strict=True):
            probs.append(torch.softmax(m(saved[split], attention_mask), dim=-1))
        return torch.log(torch.stack(probs).mean(0).clamp(min=1e-12))


def load_member(path: Path, base: Path) -> Top:
    from transformers import AutoModel

    state = torch.load(path)
    k = len({key.split(".")[1] for key in state if key.startswith("layers.")})
    fresh = AutoModel.from_pretrained(str(base), attn_implementation="eager")
    n = fresh.config.num_hidden_layers
    top = Top(list(fresh.encoder.layer[n - k:]), fresh.config.hidden_size, len(LABELS))
    top.load_state_dict(state)
    return top.eval()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trunk-flags", default="", help="train_classifier.py flags of the trunk (final mode)")
    ap.add_argument("--member", action="append", default=[], type=Path, help="classifier_topk.py state")
    ap.add_argument("--work", default="/tmp/ladder_clf")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--name", default="plover_minilm_ens")
    a = ap.parse_args()
    torch.set_num_threads(1)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    base, work = tc.minilm_dir(), Path(a.work)
    trunk = load_trunk(trunk_state(a.trunk_flags, "final", 0, work), base)
    graph = EnsembleGraph(trunk, [load_member(p, base) for p in a.member]).eval()
    tok = tc.tokenizer(base)
    texts = [format_input("The minister met the rebels in the capital.", "minister", "rebels"),
             format_input("Police arrested two protesters on Monday.", "Police", "protesters"),
             format_input("Talks collapsed.", None, None)]
    idx, feeds = tc.batches(tok, texts, 3)[0]
    with torch.no_grad():  # the manual trunk path must equal the trained model's forward
        solo = EnsembleGraph(trunk, []).eval()
        ref = torch.softmax(trunk(**feeds), dim=-1)
        diff = float((torch.exp(solo(**feeds)) - ref).abs().max())
        print(f"trunk path vs trained forward: max |dp| = {diff:.2e}")
        assert diff < 1e-4
    a.out.mkdir(parents=True, exist_ok=True)
    fp32 = work / f"{a.name}.fp32.onnx"
    dyn = {k: {0: "batch", 1: "seq"} for k in feeds} | {"logits": {0: "batch"}}
    torch.onnx.export(graph, (feeds["input_ids"], feeds["attention_mask"], feeds["token_type_ids"]),
                      str(fp32), input_names=list(feeds), output_names=["logits"],
                      dynamic_axes=dyn, opset_version=17, dynamo=False)
    dst = a.out / f"{a.name}.dyn8.onnx"
    quantize_dynamic(str(fp32), str(dst), weight_type=QuantType.QInt8, per_channel=True)
    import onnxruntime as ort

    with torch.no_grad():
        want = torch.exp(graph(**feeds)).numpy()
    for path in (fp32, dst):
        sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        got = np.exp(sess.run(["logits"], {k: v.numpy() for k, v in feeds.items()})[0])
        print(f"{path.name}: {path.stat().st_size / 2**20:.2f} MB, max |dp| vs torch {np.abs(got - want).max():.3f}")
    meta = {"labels": LABELS, "onnx_file": dst.name, "max_length": 128, "input_format": "inline",
            "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "activation_quantization": "dynamic"}
    (a.out / "labels.json").write_text(json.dumps(meta, indent=1) + "\n")
    shutil.copy(base / "tokenizer.json", a.out / "tokenizer.json")
    _ = idx


if __name__ == "__main__":
    main()
