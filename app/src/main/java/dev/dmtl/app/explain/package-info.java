/**
 * The outputs of {@code dmtl explain}: the overlay PNG of each face ({@link
 * dev.dmtl.app.explain.OverlayImage}, drawn with the {@link dev.dmtl.app.explain.Viridis}
 * colormap), and the maps as numbers ({@link dev.dmtl.app.explain.ExplanationFiles}: one JSON
 * document, one CSV). The maps themselves are computed in {@code dev.dmtl.inference.explain}.
 */
package dev.dmtl.app.explain;
