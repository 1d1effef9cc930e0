/**
 * Training the DMTL network in Java with DJL's PyTorch engine (CPU): the network, the paper's
 * losses, Algorithm 1, checkpoints and history, ONNX export under the model contract, and
 * evaluation with the pipeline's own inference code. The only module that sees DJL PyTorch.
 */
package dev.dmtl.training;
