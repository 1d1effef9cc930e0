/**
 * Explanations of a face's answers, as {@link dev.dmtl.inference.explain.SaliencyMap}s: exact class
 * activation maps ({@link dev.dmtl.inference.explain.ClassActivationMaps}, from the feature maps
 * and head weights a model declares in {@code dmtl.explain}, computed by {@link
 * dev.dmtl.inference.model.FacePredictor#predict(java.util.List, boolean)} from the same ONNX
 * Runtime call as the prediction) and occlusion sensitivity (a grey patch slid over the aligned
 * crop, the change of each task's answer measured through the same predictor that {@code dmtl
 * infer} uses; any contract model). Also the sanity checks of both: the deletion test ({@link
 * dev.dmtl.inference.explain.OcclusionExplainer#deletion}) and the model-randomisation test's
 * re-initialised model ({@link dev.dmtl.inference.explain.ModelRandomisation}).
 */
package dev.dmtl.inference.explain;
