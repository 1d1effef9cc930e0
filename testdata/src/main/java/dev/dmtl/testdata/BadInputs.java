package dev.dmtl.testdata;

import dev.dmtl.contract.rows.Stage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The corpus of awkward and broken inputs in {@code testdata/bad/}, and what the pipeline must make
 * of each. The files are committed (a few KB); this class regenerates them byte for byte:
 *
 * <pre>mvn -q -pl testdata -am compile exec:java -Dexec.mainClass=dev.dmtl.testdata.BadInputs -Dexec.args=testdata/bad</pre>
 *
 * <p>{@link #EXPECTED} lists every input the folder holds (archive entries included) with the stage
 * it must stop at, or {@code null} when it must produce a row: tests compare against this list, so
 * adding a file here without its expectation fails them.
 */
public final class BadInputs {

  /**
   * One input of the corpus and its expected fate.
   *
   * @param file file name inside {@code testdata/bad/}
   * @param entry archive entry, or null for plain files and for archive-level failures
   * @param stage the dead-letter stage, or null when the input must produce a prediction row
   */
  public record Expected(String file, String entry, Stage stage) {
    /** {@code file} or {@code file!/entry}, relative to the corpus folder. */
    public String relativeAddress() {
      return entry == null ? file : file + "!/" + entry;
    }
  }

  /** Every input in the corpus. */
  public static final List<Expected> EXPECTED = List.of(
      new Expected("empty.jpg", null, Stage.DECODE),
      new Expected("truncated.jpg", null, Stage.DECODE),
      new Expected("text-renamed.jpg", null, Stage.DECODE),
      new Expected("random-bytes.jpg", null, Stage.DECODE),
      new Expected("huge-dimensions.png", null, Stage.DECODE),
      new Expected("huge-dimensions.jpg", null, Stage.DECODE),
      new Expected("cmyk.jpg", null, null),
      new Expected("rgb16.png", null, null),
      new Expected("exif-rotate-90.jpg", null, null),
      new Expected("traversal.zip", "faces/ok.jpg", null),
      new Expected("traversal.zip", "../escape.jpg", Stage.ARCHIVE),
      new Expected("traversal.zip", "/etc/absolute.jpg", Stage.ARCHIVE),
      new Expected("corrupt.zip", "a.jpg", Stage.ARCHIVE),
      new Expected("nested.zip", "inner.zip", Stage.ARCHIVE),
      new Expected("nested.zip", "face.jpg", null),
      // the folder's own documentation is an input like any other file in it
      new Expected("README.md", null, Stage.DECODE));

  /** Width and height of {@code exif-rotate-90.jpg} as stored; upright it is {@value #ROTATED_H}×{@value #ROTATED_W}. */
  public static final int ROTATED_W = 40;
  public static final int ROTATED_H = 24;

  private BadInputs() {}

  /** Writes the corpus into {@code dir}. */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] face = SyntheticImages.jpeg(48, 48);
    Files.write(dir.resolve("empty.jpg"), new byte[0]);
    Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(face, face.length * 6 / 10));
    Files.write(dir.resolve("text-renamed.jpg"), "This is a text file that was renamed to .jpg.\n".getBytes(StandardCharsets.UTF_8));
    byte[] random = new byte[2048];
    new Random(20240601L).nextBytes(random);
    Files.write(dir.resolve("random-bytes.jpg"), random);
    Files.write(dir.resolve("huge-dimensions.png"), pngHeaderOnly(100_000, 100_000));
    Files.write(dir.resolve("huge-dimensions.jpg"), SyntheticImages.withJpegFrameSize(face, 60_000, 60_000));
    Files.write(dir.resolve("cmyk.jpg"), SyntheticImages.cmykJpeg(32, 32, 0, 200, 200, 0));
    Files.write(dir.resolve("rgb16.png"), SyntheticImages.png16(32, 32));
    Files.write(dir.resolve("exif-rotate-90.jpg"),
        SyntheticImages.withExifOrientation(SyntheticImages.jpeg(ROTATED_W, ROTATED_H), 6));

    Map<String, byte[]> traversal = new LinkedHashMap<>();
    traversal.put("faces/ok.jpg", face);
    traversal.put("../escape.jpg", face);
    traversal.put("/etc/absolute.jpg", face);
    Archives.zip(dir.resolve("traversal.zip"), traversal);

    // A zip cut off in the middle of its first entry's compressed data.
    Path whole = Files.createTempFile("corrupt", ".zip");
    try {
      Archives.zip(whole, Map.of("a.jpg", SyntheticImages.jpeg(64, 64)));
      byte[] bytes = Files.readAllBytes(whole);
      Files.write(dir.resolve("corrupt.zip"), Arrays.copyOf(bytes, bytes.length / 2));
    } finally {
      Files.delete(whole);
    }

    Path inner = Files.createTempFile("inner", ".zip");
    try {
      Archives.zip(inner, Map.of("deep.jpg", face));
      Map<String, byte[]> nested = new LinkedHashMap<>();
      nested.put("inner.zip", Files.readAllBytes(inner));
      nested.put("face.jpg", face);
      Archives.zip(dir.resolve("nested.zip"), nested);
    } finally {
      Files.delete(inner);
    }
  }

  /**
   * A PNG whose header declares {@code width × height} but whose data is a few bytes: a
   * decompression bomb's shape, caught by the pixel cap before any pixel is decoded.
   */
  static byte[] pngHeaderOnly(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeInt(width);
    h.writeInt(height);
    h.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
    chunk(data, "IHDR", ihdr.toByteArray());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[64]);
    deflater.finish();
    byte[] idat = new byte[128];
    int n = deflater.deflate(idat);
    deflater.end();
    chunk(data, "IDAT", Arrays.copyOf(idat, n));
    chunk(data, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeInt(body.length);
    out.write(t);
    out.write(body);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(body);
    out.writeInt((int) crc.getValue());
  }

  /** Regenerates the corpus: {@code BadInputs [DIR]}, default {@code testdata/bad}. */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "testdata/bad");
    write(dir);
    System.out.println("wrote " + EXPECTED.size() + " inputs into " + dir.toAbsolutePath());
  }
}
