/**
 * Training data: the UTKFace folder index (labels from file names, deterministic split), a
 * decode-once pixel cache at the network's input size, and augmentation.
 */
package dev.dmtl.training.data;
