/**
 * Model-agnostic explanations: occlusion sensitivity (a grey patch slid over the aligned crop, the
 * change of each task's answer measured through the same ONNX Runtime predictor that {@code dmtl
 * infer} uses) and the deletion test that checks such maps. Works for any contract model, since it
 * needs nothing but the model's inputs and outputs. Exact class activation maps, which need the
 * model to expose its last feature maps, are not here (issue 21).
 */
package dev.dmtl.inference.explain;
