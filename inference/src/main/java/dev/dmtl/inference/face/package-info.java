/**
 * Turning a decoded image into model-ready face crops: {@link
 * dev.dmtl.inference.face.FaceExtractor} has one implementation per {@code --faces} mode
 * (already-aligned crops; detect and align).
 */
package dev.dmtl.inference.face;
