/** Image values shared by decoding, face extraction and model input preparation. */
package dev.dmtl.inference.image;
