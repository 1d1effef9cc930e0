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
 * <pre>
 * mvn -q -pl testdata -am compile exec:java -Dexec.mainClass=dev.dmtl.testdata.BadInputs -Dexec.args=testdata/bad
 * </pre>
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
   * @param message a fragment the dead letter's message must contain, naming what is wrong (null
   *     for rows)
   */
  public record Expected(String file, String entry, Stage stage, String message) {
    public Expected {
      if ((stage == null) != (message == null)) {
        throw new IllegalArgumentException(
            "a dead letter needs a message fragment, a row has none: " + file);
      }
    }

    /** An input that must produce a row. */
    public static Expected row(String file, String entry) {
      return new Expected(file, entry, null, null);
    }

    /**
     * An input that must become a dead letter at {@code stage} whose message contains {@code
     * message}.
     */
    public static Expected dead(String file, String entry, Stage stage, String message) {
      return new Expected(file, entry, stage, message);
    }

    /** {@code file} or {@code file!/entry}, relative to the corpus folder. */
    public String relativeAddress() {
      return entry == null ? file : file + "!/" + entry;
    }
  }

  /**
   * The entry name of {@code long-name.zip} and {@code long-name.tar}: one 300-byte path component.
   */
  public static final String LONG_ENTRY = "faces/" + "a".repeat(296) + ".jpg";

  /** The entry name of {@code unicode.zip}: accents, CJK, an emoji (4 UTF-8 bytes) and a space. */
  public static final String UNICODE_ENTRY = "Gesichter/Zo\u00EB \u9854 \uD83D\uDE00.jpg";

  /** Every input in the corpus. */
  public static final List<Expected> EXPECTED =
      List.of(
          // empty, truncated, bit-flipped
          Expected.dead("empty.jpg", null, Stage.DECODE, "file is empty"),
          Expected.dead("empty.png", null, Stage.DECODE, "file is empty"),
          Expected.dead("truncated.jpg", null, Stage.DECODE, "truncated JPEG"),
          Expected.dead("truncated.png", null, Stage.DECODE, "truncated PNG"),
          Expected.dead(
              "bitflip-header.jpg", null, Stage.DECODE, "corrupt JPEG: Quantization table"),
          Expected.row("bitflip-data.jpg", null),
          Expected.dead(
              "bitflip.png",
              null,
              Stage.DECODE,
              "corrupt PNG: Error reading PNG image data: incorrect data check"),
          // not images
          Expected.dead("text-renamed.jpg", null, Stage.DECODE, "looks like text"),
          Expected.dead(
              "random-bytes.jpg",
              null,
              Stage.DECODE,
              "not a JPEG, PNG, GIF or BMP image (starts with 0x"),
          Expected.dead("error-page.jpg", null, Stage.DECODE, "looks like an HTML page"),
          Expected.dead("vector.svg", null, Stage.DECODE, "looks like an SVG vector image"),
          Expected.dead("document.pdf", null, Stage.DECODE, "looks like a PDF document"),
          Expected.dead("photo.heic", null, Stage.DECODE, "looks like a HEIC/HEIF image"),
          // sizes
          Expected.dead("zero-size.png", null, Stage.DECODE, "Image width <= 0"),
          Expected.row("one-pixel.png", null),
          Expected.dead(
              "huge-dimensions.png",
              null,
              Stage.DECODE,
              "100000x100000 = 10000000000 pixels, over the cap"),
          Expected.dead(
              "huge-dimensions.jpg",
              null,
              Stage.DECODE,
              "60000x60000 = 3600000000 pixels, over the cap"),
          // odd but valid
          Expected.row("png-named.jpg", null),
          Expected.row("cmyk.jpg", null),
          Expected.row("rgb16.png", null),
          Expected.row("palette.png", null),
          Expected.row("alpha.png", null),
          Expected.row("animated.gif", null),
          Expected.row("exif-rotate-90.jpg", null),
          // archives
          Expected.row("traversal.zip", "faces/ok.jpg"),
          Expected.dead(
              "traversal.zip",
              "../escape.jpg",
              Stage.ARCHIVE,
              "entry name with '..' is not followed"),
          Expected.dead(
              "traversal.zip",
              "/etc/absolute.jpg",
              Stage.ARCHIVE,
              "absolute entry name is not followed"),
          Expected.dead("corrupt.zip", "a.jpg", Stage.ARCHIVE, "archive breaks at entry 'a.jpg'"),
          Expected.row("truncated.zip", "a.jpg"),
          Expected.dead("truncated.zip", "b.jpg", Stage.ARCHIVE, "archive breaks at entry 'b.jpg'"),
          Expected.dead("garbage.zip", null, Stage.ARCHIVE, "cannot read the archive"),
          Expected.dead("empty.zip", null, Stage.ARCHIVE, "archive holds no file entries"),
          Expected.row("truncated.tar.gz", "a.jpg"),
          Expected.dead(
              "truncated.tar.gz",
              "b.jpg",
              Stage.ARCHIVE,
              "archive breaks at entry 'b.jpg': the archive ends early"),
          Expected.dead("garbage.tar.gz", null, Stage.ARCHIVE, "Input is not in the .gz format"),
          Expected.dead(
              "nested.zip", "inner.zip", Stage.ARCHIVE, "nested archives are not expanded"),
          Expected.row("nested.zip", "face.jpg"),
          Expected.dead(
              "nested.tar.gz", "inner.tar", Stage.ARCHIVE, "nested archives are not expanded"),
          Expected.dead(
              "nested.tar.gz", "disguised.jpg", Stage.ARCHIVE, "nested archives are not expanded"),
          Expected.row("nested.tar.gz", "face.jpg"),
          Expected.row("unicode.zip", UNICODE_ENTRY),
          Expected.row("long-name.zip", LONG_ENTRY),
          Expected.row("long-name.tar", LONG_ENTRY),
          // the folder's own documentation is an input like any other file in it
          Expected.dead("README.md", null, Stage.DECODE, "looks like text"));

  /**
   * Width and height of {@code exif-rotate-90.jpg} as stored; upright it is {@value
   * #ROTATED_H}×{@value #ROTATED_W}.
   */
  public static final int ROTATED_W = 40;

  public static final int ROTATED_H = 24;

  private BadInputs() {}

  /** Writes the corpus into {@code dir}. */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] face = SyntheticImages.jpeg(48, 48);
    byte[] png = SyntheticImages.png(48, 48);
    Files.write(dir.resolve("empty.jpg"), new byte[0]);
    Files.write(dir.resolve("empty.png"), new byte[0]);
    Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(face, face.length * 6 / 10));
    Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length * 6 / 10));
    Files.write(dir.resolve("bitflip-header.jpg"), flipBit(face, markerOffset(face, 0xDB)));
    // JPEG has no checksum: a flip in the entropy-coded data decodes to slightly wrong pixels
    Files.write(dir.resolve("bitflip-data.jpg"), flipBit(face, face.length / 2));
    // the JDK's PNG reader ignores chunk CRCs, but the flip breaks the deflate stream of IDAT
    Files.write(dir.resolve("bitflip.png"), flipBit(png, png.length / 2));

    Files.write(
        dir.resolve("text-renamed.jpg"),
        "This is a text file that was renamed to .jpg.\n".getBytes(StandardCharsets.UTF_8));
    byte[] random = new byte[2048];
    new Random(20240601L).nextBytes(random);
    Files.write(dir.resolve("random-bytes.jpg"), random);
    Files.write(
        dir.resolve("error-page.jpg"),
        ("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
                + "<body><h1>Not Found</h1></body></html>\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(
        dir.resolve("vector.svg"),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"48\"><circle cx=\"24\" cy=\"24\" r=\"20\"/></svg>\n")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(
        dir.resolve("document.pdf"),
        ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII));
    Files.write(dir.resolve("photo.heic"), heifHeader());

    Files.write(dir.resolve("zero-size.png"), pngHeaderOnly(0, 0));
    Files.write(dir.resolve("one-pixel.png"), SyntheticImages.png(1, 1));
    Files.write(dir.resolve("huge-dimensions.png"), pngHeaderOnly(100_000, 100_000));
    Files.write(
        dir.resolve("huge-dimensions.jpg"),
        SyntheticImages.withJpegFrameSize(face, 60_000, 60_000));

    Files.write(dir.resolve("png-named.jpg"), png);
    Files.write(dir.resolve("cmyk.jpg"), SyntheticImages.cmykJpeg(32, 32, 0, 200, 200, 0));
    Files.write(dir.resolve("rgb16.png"), SyntheticImages.png16(32, 32));
    Files.write(dir.resolve("palette.png"), SyntheticImages.palettePng(32, 32));
    Files.write(dir.resolve("alpha.png"), SyntheticImages.alphaPng(32, 32));
    Files.write(
        dir.resolve("animated.gif"),
        SyntheticImages.animatedGif(32, 32, 0xFF0000, 0x0000FF, 0x00FF00));
    Files.write(
        dir.resolve("exif-rotate-90.jpg"),
        SyntheticImages.withExifOrientation(SyntheticImages.jpeg(ROTATED_W, ROTATED_H), 6));

    writeArchives(dir, face);
  }

  private static void writeArchives(Path dir, byte[] face) throws IOException {
    Map<String, byte[]> traversal = new LinkedHashMap<>();
    traversal.put("faces/ok.jpg", face);
    traversal.put("../escape.jpg", face);
    traversal.put("/etc/absolute.jpg", face);
    Archives.zip(dir.resolve("traversal.zip"), traversal);

    // A zip cut off in the middle of its first entry's compressed data.
    byte[] one = zipBytes(Map.of("a.jpg", SyntheticImages.jpeg(64, 64)));
    Files.write(dir.resolve("corrupt.zip"), Arrays.copyOf(one, one.length / 2));
    // Two entries, cut in the second: the first is still an input.
    Map<String, byte[]> two = new LinkedHashMap<>();
    two.put("a.jpg", face);
    two.put("b.jpg", SyntheticImages.jpeg(64, 64));
    byte[] zip = zipBytes(two);
    Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(zip, zip.length * 7 / 10));
    byte[] noise = new byte[1024];
    new Random(20240602L).nextBytes(noise);
    Files.write(dir.resolve("garbage.zip"), noise);
    Files.write(dir.resolve("garbage.tar.gz"), noise);
    Archives.zip(dir.resolve("empty.zip"), Map.of());
    byte[] tgz = tarBytes(two, true);
    Files.write(dir.resolve("truncated.tar.gz"), Arrays.copyOf(tgz, tgz.length * 2 / 3));

    Map<String, byte[]> nested = new LinkedHashMap<>();
    nested.put("inner.zip", zipBytes(Map.of("deep.jpg", face)));
    nested.put("face.jpg", face);
    Archives.zip(dir.resolve("nested.zip"), nested);
    Map<String, byte[]> nestedTar = new LinkedHashMap<>();
    nestedTar.put("inner.tar", tarBytes(Map.of("deep.jpg", face), false));
    // recognised by its content, not its name
    nestedTar.put("disguised.jpg", zipBytes(Map.of("deep.jpg", face)));
    nestedTar.put("face.jpg", face);
    Archives.tar(dir.resolve("nested.tar.gz"), nestedTar, true);

    Archives.zip(dir.resolve("unicode.zip"), Map.of(UNICODE_ENTRY, face));
    Archives.zip(dir.resolve("long-name.zip"), Map.of(LONG_ENTRY, face));
    Archives.tar(dir.resolve("long-name.tar"), Map.of(LONG_ENTRY, face), false);
  }

  private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
    Path file = Files.createTempFile("bad", ".zip");
    try {
      return Files.readAllBytes(Archives.zip(file, entries));
    } finally {
      Files.delete(file);
    }
  }

  private static byte[] tarBytes(Map<String, byte[]> entries, boolean gzip) throws IOException {
    Path file = Files.createTempFile("bad", gzip ? ".tar.gz" : ".tar");
    try {
      return Files.readAllBytes(Archives.tar(file, entries, gzip));
    } finally {
      Files.delete(file);
    }
  }

  /** A copy of {@code bytes} with bit 2 of byte {@code offset} flipped. */
  static byte[] flipBit(byte[] bytes, int offset) {
    byte[] out = bytes.clone();
    out[offset] ^= 0x04;
    return out;
  }

  /** The offset of the first JPEG marker {@code 0xFF marker} after SOI. */
  static int markerOffset(byte[] jpeg, int marker) {
    int i = 2;
    while (i + 4 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      if ((jpeg[i + 1] & 0xFF) == marker) {
        return i;
      }
      i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
    }
    throw new IllegalArgumentException("no marker 0xFF" + Integer.toHexString(marker));
  }

  /**
   * The first bytes of an iPhone HEIC file: an ISO-BMFF {@code ftyp} box with brand {@code heic}.
   */
  private static byte[] heifHeader() {
    byte[] box = new byte[24];
    box[3] = 24;
    System.arraycopy("ftypheic".getBytes(StandardCharsets.US_ASCII), 0, box, 4, 8);
    System.arraycopy("mif1heic".getBytes(StandardCharsets.US_ASCII), 0, box, 16, 8);
    return box;
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
