"""Turn the classifier's ONNX file into a dynamically quantised one (int8 weights and
activations, per-channel weight scales) that ``ladder.classify`` runs one sentence per call.

Why: int8 matrix products make the classifier ~1.7x faster on CPU than the weight-only
int8 file (fp32 arithmetic).  Dynamic quantisation scales activations per call, which is
why the runtime never batches such a model: a sentence alone gets the same answer
whatever else is being coded (``code_many`` = ``code`` one by one).

Input may be an fp32 export or the weight-only int8 file (its DequantizeLinear weights are
folded back to fp32 first; the shipped dyn8 file was made from the weight-only file of
commit ecc7e93, ``git show ecc7e93:src/ladder/data/model/plover_minilm.int8.onnx``).
Needs the ``train`` extra (onnx):

    .venv-train/bin/python scripts/quantize_dynamic.py WEIGHT_ONLY_OR_FP32.onnx \
        src/ladder/data/model/plover_minilm.dyn8.onnx --labels src/ladder/data/model/labels.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np


def fold_weight_dequantize(src: Path, dst: Path) -> int:
    """Copy of ``src`` with every DequantizeLinear of a constant weight replaced by fp32."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    consts: dict[str, np.ndarray] = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for n in graph.node:
        if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    kept: list[Any] = []
    folded: list[Any] = []
    for n in graph.node:
        if n.op_type != "DequantizeLinear" or not all(i in consts for i in n.input):
            kept.append(n)
            continue
        x = consts[n.input[0]].astype(np.float32)
        scale = consts[n.input[1]].astype(np.float32)
        zero = consts[n.input[2]].astype(np.float32) if len(n.input) > 2 else np.float32(0)
        if scale.ndim == 1 and scale.size > 1:  # per-channel: broadcast along `axis`
            axis = next((a.i for a in n.attribute if a.name == "axis"), 1)
            shape = [1] * x.ndim
            shape[axis] = -1
            scale = scale.reshape(shape)
            zero = zero.reshape(shape) if np.ndim(zero) else zero
        folded.append(numpy_helper.from_array(((x - zero) * scale).astype(np.float32), n.output[0]))
    used = {i for n in kept for i in n.input}
    initializers = [i for i in graph.initializer if i.name in used] + folded
    del graph.node[:]
    graph.node.extend(kept)
    del graph.initializer[:]
    graph.initializer.extend(initializers)
    onnx.save(model, str(dst))
    return len(folded)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--labels", type=Path, help="labels.json to point at the new file")
    args = ap.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        n = fold_weight_dequantize(args.src, fp32)
        quantize_dynamic(str(fp32), str(args.dst), weight_type=QuantType.QInt8, per_channel=True)
    print(f"folded {n} int8 weights; wrote {args.dst} ({args.dst.stat().st_size / 1e6:.1f} MB)")
    if args.labels:
        meta = json.loads(args.labels.read_text(encoding="utf-8"))
        meta["onnx_file"] = args.dst.name
        meta["activation_quantization"] = "dynamic"
        args.labels.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"updated {args.labels}")


if __name__ == "__main__":
    main()
