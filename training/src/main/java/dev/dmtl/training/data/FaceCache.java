package dev.dmtl.training.data;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.Resize;
import dev.dmtl.inference.image.RgbImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Decode-once pixel cache: every image resized (area filter, {@link Resize}) to {@code size}×{@code
 * size} RGB and kept in one byte array, so training epochs never touch JPEG decoding. Written to
 * disk keyed by a fingerprint of the file names, sizes and the cache size, and reused when it
 * matches.
 */
public final class FaceCache {

  private static final String MAGIC = "DMTL-FACECACHE-1";

  private final int size;
  private final List<FaceSample> samples;
  private final byte[] pixels;
  private final String fingerprint;

  private FaceCache(int size, List<FaceSample> samples, byte[] pixels, String fingerprint) {
    this.size = size;
    this.samples = samples;
    this.pixels = pixels;
    this.fingerprint = fingerprint;
  }

  public int size() {
    return size;
  }

  public int count() {
    return samples.size();
  }

  public FaceSample sample(int i) {
    return samples.get(i);
  }

  public List<FaceSample> samples() {
    return samples;
  }

  /** SHA-256 over the names, byte sizes and cache size: the training data fingerprint. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Byte offset of image i's first pixel in {@link #pixels()}. */
  public int offset(int i) {
    return i * size * size * 3;
  }

  /** All images back to back, {@code size*size*3} bytes each, interleaved RGB. */
  public byte[] pixels() {
    return pixels;
  }

  /**
   * Loads the cache for these samples from {@code cacheFile} if it matches, else decodes the images
   * from {@code root} and writes it.
   *
   * @param progress called with the number of images decoded so far
   */
  public static FaceCache loadOrBuild(
      Path root, List<FaceSample> samples, int size, Path cacheFile, IntConsumer progress)
      throws IOException {
    String fingerprint = fingerprint(root, samples, size);
    if (Files.isRegularFile(cacheFile)) {
      FaceCache cached = read(cacheFile, samples, size, fingerprint);
      if (cached != null) {
        return cached;
      }
    }
    long bytes = (long) samples.size() * size * size * 3;
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new IOException(
          "cache of "
              + samples.size()
              + " images at "
              + size
              + " px exceeds 2 GB; use a smaller input size");
    }
    byte[] pixels = new byte[(int) bytes];
    // The pipeline's decoder, so training sees the pixels inference will see (EXIF orientation,
    // the same JPEG reader) and a bad file is named with the pipeline's reason.
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    for (int i = 0; i < samples.size(); i++) {
      Path file = root.resolve(samples.get(i).name());
      RgbImage rgb = Resize.to(decode(decoder, file), size, size);
      System.arraycopy(rgb.data(), 0, pixels, i * size * size * 3, size * size * 3);
      progress.accept(i + 1);
    }
    FaceCache cache = new FaceCache(size, samples, pixels, fingerprint);
    cache.write(cacheFile);
    return cache;
  }

  /** In-memory cache from already decoded images (tests). */
  public static FaceCache of(List<FaceSample> samples, List<RgbImage> images, int size) {
    byte[] pixels = new byte[samples.size() * size * size * 3];
    for (int i = 0; i < images.size(); i++) {
      RgbImage rgb = Resize.to(images.get(i), size, size);
      System.arraycopy(rgb.data(), 0, pixels, i * size * size * 3, size * size * 3);
    }
    return new FaceCache(size, samples, pixels, "in-memory");
  }

  private static RgbImage decode(ImageDecoder decoder, Path file) throws IOException {
    try {
      return decoder.decode(file).image();
    } catch (ImageDecodeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static String fingerprint(Path root, List<FaceSample> samples, int size)
      throws IOException {
    MessageDigest digest = ContentHash.sha256();
    digest.update(("size=" + size + "\n").getBytes(StandardCharsets.UTF_8));
    for (FaceSample s : samples) {
      long bytes = Files.size(root.resolve(s.name()));
      digest.update((s.name() + "\t" + bytes + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static FaceCache read(Path file, List<FaceSample> samples, int size, String fingerprint)
      throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (!MAGIC.equals(in.readUTF())
          || !fingerprint.equals(in.readUTF())
          || in.readInt() != size
          || in.readInt() != samples.size()) {
        return null; // stale cache for other data: rebuilt by the caller
      }
      byte[] pixels = new byte[samples.size() * size * size * 3];
      in.readFully(pixels);
      return new FaceCache(size, samples, pixels, fingerprint);
    }
  }

  private void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
      out.writeUTF(MAGIC);
      out.writeUTF(fingerprint);
      out.writeInt(size);
      out.writeInt(samples.size());
      out.write(pixels);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
