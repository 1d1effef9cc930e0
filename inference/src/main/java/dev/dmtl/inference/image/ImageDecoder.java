package dev.dmtl.inference.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import dev.dmtl.contract.rows.Stage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted image bytes into an upright {@link RgbImage}, safely.
 *
 * <ul>
 *   <li>The format is recognised by magic bytes; JPEG goes to TwelveMonkeys' reader (the JDK's
 *       returns wrong colours for CMYK/YCCK without failing), PNG/GIF/BMP to the registered
 *       readers.
 *   <li>The file-size cap is checked before anything else, the pixel cap from the header before any
 *       pixel is decoded, so a decompression bomb costs a header read.
 *   <li>GIF: the first frame. JPEG: the EXIF orientation is applied.
 *   <li>A truncated JPEG is an error even though the JDK decoder only warns and fills the missing
 *       rows with grey: a half-grey face would give a confident, wrong prediction.
 * </ul>
 *
 * <p>Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {

  private final DecodeLimits limits;
  private final ImageReaderSpi jpegReaders;

  public ImageDecoder(DecodeLimits limits) {
    this.limits = limits;
    this.jpegReaders = twelveMonkeysJpeg();
  }

  public DecodeLimits limits() {
    return limits;
  }

  /**
   * Reads and decodes an image file, within the file-size cap: what the pipeline does with a file,
   * for the callers that read known files themselves (the training cache, the developer tools).
   *
   * @throws IOException when the file cannot be read, naming it
   * @throws ImageDecodeException as {@link #decode(byte[])}, with the file named
   */
  public DecodedImage decode(Path file) throws IOException, ImageDecodeException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = CappedRead.readAll(in, limits.maxFileBytes());
    }
    try {
      return decode(bytes);
    } catch (ImageDecodeException e) {
      throw new ImageDecodeException(e.stage(), file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one encoded image.
   *
   * @throws ImageDecodeException at stage {@link Stage#DECODE} for empty, oversized, unrecognised,
   *     corrupt or truncated data, or a pixel count over the cap
   */
  public DecodedImage decode(byte[] bytes) throws ImageDecodeException {
    if (bytes.length == 0) {
      throw new ImageDecodeException(Stage.DECODE, "file is empty");
    }
    if (bytes.length > limits.maxFileBytes()) {
      throw new ImageDecodeException(
          Stage.DECODE,
          "file is "
              + bytes.length
              + " bytes, over the cap of "
              + limits.maxFileBytes()
              + " bytes");
    }
    ImageFormat format =
        ImageFormat.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, ImageFormat.MAGIC_BYTES)))
            .orElseThrow(() -> notAnImage(bytes));
    BufferedImage decoded = read(format, bytes);
    RgbImage rgb = RgbConversion.toRgb(decoded);
    ExifOrientation orientation =
        format == ImageFormat.JPEG ? jpegOrientation(bytes) : ExifOrientation.NORMAL;
    return new DecodedImage(format, orientation, orientation.apply(rgb));
  }

  /**
   * The dead letter of a file that is none of the four formats, naming what it looks like when that
   * is clear.
   */
  private static ImageDecodeException notAnImage(byte[] bytes) {
    String looksLike =
        ForeignFormat.guess(bytes).map(f -> ": looks like " + f.description()).orElse("");
    return new ImageDecodeException(
        Stage.DECODE,
        "not a JPEG, PNG, GIF or BMP image"
            + looksLike
            + " (starts with 0x"
            + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 4))
            + ")");
  }

  private BufferedImage read(ImageFormat format, byte[] bytes) throws ImageDecodeException {
    ImageReader reader = newReader(format);
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener(
        new IIOReadWarningListener() {
          @Override
          public void warningOccurred(ImageReader source, String warning) {
            warnings.add(warning);
          }
        });
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, false);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      long pixels = (long) width * height;
      if (width <= 0 || height <= 0) {
        throw new ImageDecodeException(
            Stage.DECODE, format + " header declares an empty image " + width + "x" + height);
      }
      if (pixels > limits.maxPixels()) {
        throw new ImageDecodeException(
            Stage.DECODE,
            format
                + " header declares "
                + width
                + "x"
                + height
                + " = "
                + pixels
                + " pixels, over the cap of "
                + limits.maxPixels());
      }
      BufferedImage image = reader.read(0, reader.getDefaultReadParam());
      for (String warning : warnings) {
        if (isTruncation(warning)) {
          throw new ImageDecodeException(Stage.DECODE, "truncated " + format + ": " + warning);
        }
      }
      if (image == null) {
        throw new ImageDecodeException(Stage.DECODE, format + " reader returned no image");
      }
      return image;
    } catch (IIOException e) {
      throw new ImageDecodeException(Stage.DECODE, damaged(format, bytes) + ": " + messageOf(e), e);
    } catch (IOException e) {
      throw new ImageDecodeException(
          Stage.DECODE, "corrupt or truncated " + format + ": " + messageOf(e), e);
    } catch (IndexOutOfBoundsException
        | IllegalArgumentException
        | IllegalStateException
        | NegativeArraySizeException
        | ArithmeticException e) {
      // The ImageIO readers signal some malformed data with these instead of IIOException; on
      // untrusted input they are a property of the file, not a bug in this program.
      throw new ImageDecodeException(Stage.DECODE, "corrupt " + format + ": " + messageOf(e), e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * "truncated PNG" when a PNG that failed lacks its closing IEND chunk (the reader's own message,
   * e.g. "Invalid chunk length", does not say the file was cut off), else "corrupt PNG".
   */
  private static String damaged(ImageFormat format, byte[] bytes) {
    if (format == ImageFormat.PNG && !endsWithIend(bytes)) {
      return "truncated PNG (no IEND chunk at the end)";
    }
    return "corrupt " + format;
  }

  private static boolean endsWithIend(byte[] bytes) {
    byte[] iend = {'I', 'E', 'N', 'D'};
    // the IEND type is followed by its 4-byte CRC; tolerate a little trailing padding
    for (int end = bytes.length - 8; end >= Math.max(0, bytes.length - 64); end--) {
      if (Arrays.equals(bytes, end, end + 4, iend, 0, 4)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTruncation(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("premature end") || w.contains("truncated");
  }

  private ImageReader newReader(ImageFormat format) {
    try {
      if (format == ImageFormat.JPEG) {
        return jpegReaders.createReaderInstance();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the TwelveMonkeys JPEG reader", e);
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format + " is registered");
    }
    return readers.next();
  }

  /**
   * The EXIF orientation of a JPEG that has already decoded. A missing or unreadable EXIF block
   * means "stored upright": the pixels are fine, and the camera that wrote a broken block gave no
   * usable rotation, so there is nothing else to apply.
   */
  static ExifOrientation jpegOrientation(byte[] bytes) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      for (JPEGSegment segment : segments) {
        byte[] exif;
        try (InputStream data = segment.data()) {
          exif = data.readAllBytes();
        }
        // "Exif\0\0": the identifier's terminator is consumed, the pad byte is not.
        int offset = exif.length > 0 && exif[0] == 0 ? 1 : 0;
        try (ImageInputStream tiff =
            new MemoryCacheImageInputStream(
                new ByteArrayInputStream(exif, offset, exif.length - offset))) {
          Directory directory = new TIFFReader().read(tiff);
          Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
          if (entry != null && entry.getValue() instanceof Number n) {
            return ExifOrientation.fromTag(n.intValue());
          }
        }
      }
      return ExifOrientation.NORMAL;
    } catch (IOException | RuntimeException e) {
      return ExifOrientation.NORMAL;
    }
  }

  /**
   * The distinct non-blank messages along the cause chain, joined on one line: the JDK readers wrap
   * the telling message ("Image width <= 0!", "invalid stored block lengths") in a generic one
   * ("I/O error reading PNG header!").
   */
  private static String messageOf(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().replace('\n', ' ').strip();
      if (m.endsWith(":")) {
        m = m.substring(0, m.length() - 1).strip();
      }
      if (!m.isEmpty() && out.indexOf(m) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(m);
      }
    }
    return out.length() == 0 ? e.getClass().getSimpleName() : out.toString();
  }

  private static ImageReaderSpi twelveMonkeysJpeg() {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    JPEGImageReaderSpi spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
    if (spi == null) {
      // Plugins are found through META-INF/services at first use; a class loader that was not
      // the context loader then (Flink user code, tests) may need an explicit rescan.
      ImageIO.scanForPlugins();
      spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
    }
    if (spi == null) {
      throw new IllegalStateException(
          "the TwelveMonkeys JPEG reader is not registered with ImageIO; "
              + "a shaded jar must merge META-INF/services (ServicesResourceTransformer)");
    }
    return spi;
  }
}
