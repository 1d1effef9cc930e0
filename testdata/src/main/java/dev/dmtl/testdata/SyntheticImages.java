package dev.dmtl.testdata;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small synthetic images, encoded in memory, for tests that need exact, license-free pixels: a
 * gradient pattern with distinct R, G and B so channel-order mistakes show.
 */
public final class SyntheticImages {

  private SyntheticImages() {}

  /** A {@code width × height} RGB gradient: R grows with x, G with y, B is x xor y. */
  public static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = x * 255 / Math.max(1, width - 1);
        int g = y * 255 / Math.max(1, height - 1);
        int b = ((x ^ y) * 16) & 0xFF;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  /**
   * Encodes with the first ImageIO writer for the format ({@code jpeg}, {@code png}, {@code bmp},
   * {@code gif}).
   */
  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format + " accepts this image");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A JPEG of the gradient. */
  public static byte[] jpeg(int width, int height) {
    return encode(gradient(width, height), "jpeg");
  }

  /**
   * A CMYK JPEG of one flat colour (written by TwelveMonkeys with an Adobe marker, the way
   * Photoshop writes them). The JDK's own reader decodes it with wrong colours, without failing.
   *
   * @param cmyk the four 0..255 ink values
   */
  public static byte[] cmykJpeg(int width, int height, int... cmyk) {
    ColorSpace cs = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
    ComponentColorModel cm =
        new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, cmyk);
      }
    }
    BufferedImage image = new BufferedImage(cm, raster, false, null);
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter writer = it.next();
      if (writer.getClass().getName().startsWith("com.twelvemonkeys")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
          writer.setOutput(ios);
          writer.write(image);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          writer.dispose();
        }
        return out.toByteArray();
      }
    }
    throw new IllegalStateException("the TwelveMonkeys JPEG writer is not registered");
  }

  /** A PNG of the gradient. */
  public static byte[] png(int width, int height) {
    return encode(gradient(width, height), "png");
  }

  /** A palette (indexed, 16 colours) PNG of the gradient, its colours snapped to the palette. */
  public static byte[] palettePng(int width, int height) {
    byte[] r = new byte[16];
    byte[] g = new byte[16];
    byte[] b = new byte[16];
    for (int i = 0; i < 16; i++) {
      r[i] = (byte) (i * 17);
      g[i] = (byte) (255 - i * 17);
      b[i] = (byte) ((i * 85) & 0xFF);
    }
    BufferedImage indexed =
        new BufferedImage(
            width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(4, 16, r, g, b));
    indexed.getGraphics().drawImage(gradient(width, height), 0, 0, null);
    return encode(indexed, "png");
  }

  /**
   * An RGBA PNG of the gradient whose alpha falls from opaque (left) to half transparent (right).
   */
  public static byte[] alphaPng(int width, int height) {
    BufferedImage argb = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    BufferedImage rgb = gradient(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int alpha = 255 - x * 128 / Math.max(1, width - 1);
        argb.setRGB(x, y, (alpha << 24) | (rgb.getRGB(x, y) & 0xFFFFFF));
      }
    }
    return encode(argb, "png");
  }

  /** An animated GIF with one flat frame per colour (0xRRGGBB), in that order. */
  public static byte[] animatedGif(int width, int height, int... colours) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int colour : colours) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            frame.setRGB(x, y, colour);
          }
        }
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * A 16-bit-per-channel RGB PNG; each sample is {@code value8 * 257}, so it maps back to {@code
   * value8}.
   */
  public static byte[] png16(int width, int height) {
    ColorSpace cs = ColorSpace.getInstance(ColorSpace.CS_sRGB);
    ComponentColorModel cm =
        new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
    BufferedImage gradient = gradient(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = gradient.getRGB(x, y);
        raster.setPixel(
            x,
            y,
            new int[] {((rgb >> 16) & 0xFF) * 257, ((rgb >> 8) & 0xFF) * 257, (rgb & 0xFF) * 257});
      }
    }
    return encode(new BufferedImage(cm, raster, false, null), "png");
  }

  /**
   * Inserts an EXIF APP1 segment carrying only the orientation tag right after the JPEG's SOI
   * marker.
   *
   * @param orientation EXIF orientation value 1..8
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // big-endian TIFF header, IFD0 at 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112)
        .putShort((short) 3)
        .putInt(1) // Orientation, SHORT, count 1
        .putShort((short) orientation)
        .putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] exifId = {'E', 'x', 'i', 'f', 0, 0};
    int length = 2 + exifId.length + tiff.capacity();
    ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
    out.put(jpeg, 0, 2); // SOI
    out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exifId).put(tiff.array());
    out.put(jpeg, 2, jpeg.length - 2);
    return out.array();
  }

  /** Rewrites the frame size in a baseline JPEG's SOF0 header, leaving the data as it is. */
  public static byte[] withJpegFrameSize(byte[] jpeg, int width, int height) {
    byte[] out = jpeg.clone();
    int i = 2; // walk the marker segments after SOI
    while (i + 8 < out.length && (out[i] & 0xFF) == 0xFF) {
      int marker = out[i + 1] & 0xFF;
      int length = ((out[i + 2] & 0xFF) << 8) | (out[i + 3] & 0xFF);
      if (marker == 0xC0) {
        out[i + 5] = (byte) (height >> 8);
        out[i + 6] = (byte) height;
        out[i + 7] = (byte) (width >> 8);
        out[i + 8] = (byte) width;
        return out;
      }
      i += 2 + length;
    }
    throw new IllegalArgumentException("no SOF0 marker: not a baseline JPEG");
  }
}
