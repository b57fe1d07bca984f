"""Writes gd-one-step.onnx: an in-context learner made outside icl4j, with the `onnx` Python package's helpers.

One step of full-batch gradient descent from w = 0 on sum_i (w.x_i - y_i)^2 with learning rate ALPHA gives
w_k = 2 ALPHA sum_{i<k} y_i x_i, and the prediction for pair k is w_k . x_k (0 for k = 0). The graph declares the
contract of docs/ONNX.md (xs, ys -> predictions, dynamic batch and n) and the icl4j.config metadata.

Regenerate (Debian's python3-onnx 1.12): /usr/bin/python3 make_gd_fixture.py
"""
import json

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ALPHA = 0.05
D = 4
MAX_PAIRS = 20


def main():
    nodes = [
        helper.make_node("Unsqueeze", ["ys", "last_axis"], ["ys_column"]),
        helper.make_node("Mul", ["xs", "ys_column"], ["yx"]),
        helper.make_node("CumSum", ["yx", "pair_axis"], ["context_sums"], exclusive=1),
        helper.make_node("Mul", ["context_sums", "xs"], ["products"]),
        helper.make_node("ReduceSum", ["products", "feature_axis"], ["dots"], keepdims=0),
        helper.make_node("Mul", ["dots", "two_alpha"], ["predictions"]),
    ]
    initializers = [
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "last_axis"),
        numpy_helper.from_array(np.array(1, dtype=np.int64), "pair_axis"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "feature_axis"),
        numpy_helper.from_array(np.array(2 * ALPHA, dtype=np.float32), "two_alpha"),
    ]
    graph = helper.make_graph(
        nodes, "gd-one-step",
        [helper.make_tensor_value_info("xs", TensorProto.FLOAT, ["batch", "n", D]),
         helper.make_tensor_value_info("ys", TensorProto.FLOAT, ["batch", "n"])],
        [helper.make_tensor_value_info("predictions", TensorProto.FLOAT, ["batch", "n"])],
        initializers)
    model = helper.make_model(graph, producer_name="onnx-python-helper", opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    helper.set_model_props(model, {"icl4j.config": json.dumps({"model": {"dimension": D, "maxPairs": MAX_PAIRS}})})
    onnx.checker.check_model(model)
    onnx.save(model, "gd-one-step.onnx")


if __name__ == "__main__":
    main()
