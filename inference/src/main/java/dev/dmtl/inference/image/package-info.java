/**
 * Images: safe decoding of untrusted bytes ({@link dev.dmtl.inference.image.ImageDecoder}: format
 * by magic bytes, TwelveMonkeys JPEG, size and pixel caps, EXIF orientation) into the shared {@link
 * dev.dmtl.inference.image.RgbImage}, and antialiased resizing ({@link
 * dev.dmtl.inference.image.Resize}, the same box filter the training cache uses).
 */
package dev.dmtl.inference.image;
