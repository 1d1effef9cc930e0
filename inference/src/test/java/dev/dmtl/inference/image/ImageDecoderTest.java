package dev.dmtl.inference.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.Stage;
import dev.dmtl.testdata.SyntheticImages;
import dev.dmtl.testdata.TestData;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);

  private static byte[] bad(String name) throws IOException {
    return Files.readAllBytes(TestData.bad().resolve(name));
  }

  private static int[] rgb(RgbImage image, int x, int y) {
    return new int[] {image.sample(x, y, 0), image.sample(x, y, 1), image.sample(x, y, 2)};
  }

  @Test
  void decodesABundledUtkFaceCrop() throws Exception {
    Path first;
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      first = files.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
    }
    DecodedImage decoded = decoder.decode(Files.readAllBytes(first));
    assertEquals(ImageFormat.JPEG, decoded.format());
    assertEquals(200, decoded.image().width());
    assertEquals(200, decoded.image().height());
  }

  @Test
  void cmykJpegComesOutRed() throws Exception {
    // C0 M200 Y200 K0 is a strong red; the JDK's own reader returns about (255, 128, 128).
    RgbImage image = decoder.decode(bad("cmyk.jpg")).image();
    int[] px = rgb(image, 16, 16);
    assertTrue(
        px[0] > 200 && px[1] < 100 && px[2] < 100,
        "expected red, got " + java.util.Arrays.toString(px));
  }

  @Test
  void sixteenBitPngMapsBackToItsEightBitValues() throws Exception {
    RgbImage image = decoder.decode(bad("rgb16.png")).image();
    BufferedImage expected = SyntheticImages.gradient(32, 32);
    for (int y = 0; y < 32; y += 7) {
      for (int x = 0; x < 32; x += 5) {
        int e = expected.getRGB(x, y);
        assertArrayEquals(
            new int[] {(e >> 16) & 0xFF, (e >> 8) & 0xFF, e & 0xFF},
            rgb(image, x, y),
            "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void greyPngKeepsStoredValuesInsteadOfGammaShiftingThem() throws Exception {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(1, 2, 0, 128);
    grey.getRaster().setSample(3, 3, 0, 37);
    RgbImage image = decoder.decode(SyntheticImages.encode(grey, "png")).image();
    assertArrayEquals(new int[] {128, 128, 128}, rgb(image, 1, 2));
    assertArrayEquals(new int[] {37, 37, 37}, rgb(image, 3, 3));
    assertArrayEquals(new int[] {0, 0, 0}, rgb(image, 0, 0));
  }

  @Test
  void palettePngUsesThePaletteColours() throws Exception {
    byte[] r = {10, (byte) 200};
    byte[] g = {20, (byte) 150};
    byte[] b = {30, (byte) 100};
    BufferedImage indexed =
        new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
    indexed.getRaster().setSample(1, 0, 0, 1);
    RgbImage image = decoder.decode(SyntheticImages.encode(indexed, "png")).image();
    assertArrayEquals(new int[] {10, 20, 30}, rgb(image, 0, 0));
    assertArrayEquals(new int[] {200, 150, 100}, rgb(image, 1, 0));
  }

  @Test
  void alphaIsDroppedNotComposited() throws Exception {
    BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x000A141E); // fully transparent (10, 20, 30)
    argb.setRGB(1, 0, 0x80C89664); // half transparent (200, 150, 100)
    RgbImage image = decoder.decode(SyntheticImages.encode(argb, "png")).image();
    assertArrayEquals(new int[] {10, 20, 30}, rgb(image, 0, 0));
    assertArrayEquals(new int[] {200, 150, 100}, rgb(image, 1, 0));
  }

  @Test
  void bmpDecodesExactly() throws Exception {
    BufferedImage gradient = SyntheticImages.gradient(7, 5);
    DecodedImage decoded = decoder.decode(SyntheticImages.encode(gradient, "bmp"));
    assertEquals(ImageFormat.BMP, decoded.format());
    int e = gradient.getRGB(6, 4);
    assertArrayEquals(
        new int[] {(e >> 16) & 0xFF, (e >> 8) & 0xFF, e & 0xFF}, rgb(decoded.image(), 6, 4));
  }

  @Test
  void gifGivesTheFirstFrame() throws Exception {
    BufferedImage red = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
    BufferedImage blue = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        red.setRGB(x, y, 0xFF0000);
        blue.setRGB(x, y, 0x0000FF);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(red, null, null), null);
      writer.writeToSequence(new IIOImage(blue, null, null), null);
      writer.endWriteSequence();
    }
    writer.dispose();
    DecodedImage decoded = decoder.decode(bytes.toByteArray());
    assertEquals(ImageFormat.GIF, decoded.format());
    assertArrayEquals(new int[] {255, 0, 0}, rgb(decoded.image(), 2, 2));
  }

  @Test
  void exifOrientationIsApplied() throws Exception {
    DecodedImage rotated = decoder.decode(bad("exif-rotate-90.jpg"));
    assertEquals(ExifOrientation.ROTATE_90_CW, rotated.orientation());
    assertEquals(24, rotated.image().width());
    assertEquals(40, rotated.image().height());
    // The same JPEG data without the EXIF block, turned by hand, gives the same pixels.
    RgbImage stored = decoder.decode(SyntheticImages.jpeg(40, 24)).image();
    assertArrayEquals(ExifOrientation.ROTATE_90_CW.apply(stored).data(), rotated.image().data());
  }

  @Test
  void brokenFilesAreDecodeFailures() throws Exception {
    assertFailure("empty.jpg", "file is empty");
    assertFailure("truncated.jpg", "truncated JPEG");
    assertFailure("text-renamed.jpg", "not a JPEG, PNG, GIF or BMP image");
    assertFailure("random-bytes.jpg", "not a JPEG, PNG, GIF or BMP image");
    assertFailure(
        "huge-dimensions.png", "100000x100000 = 10000000000 pixels, over the cap of 50000000");
    assertFailure(
        "huge-dimensions.jpg", "60000x60000 = 3600000000 pixels, over the cap of 50000000");
  }

  private void assertFailure(String file, String messagePart) throws IOException {
    ImageDecodeException e =
        assertThrows(ImageDecodeException.class, () -> decoder.decode(bad(file)), file);
    assertEquals(Stage.DECODE, e.stage(), file);
    assertTrue(e.getMessage().contains(messagePart), file + ": " + e.getMessage());
  }

  @Test
  void capsAreConfigurable() {
    byte[] jpeg = SyntheticImages.jpeg(48, 48);
    ImageDecodeException size =
        assertThrows(
            ImageDecodeException.class,
            () -> new ImageDecoder(new DecodeLimits(1_000_000, 100)).decode(jpeg));
    assertTrue(size.getMessage().contains("over the cap of 100 bytes"), size.getMessage());
    ImageDecodeException pixels =
        assertThrows(
            ImageDecodeException.class,
            () -> new ImageDecoder(new DecodeLimits(48 * 48 - 1, 1_000_000)).decode(jpeg));
    assertTrue(
        pixels.getMessage().contains("48x48 = 2304 pixels, over the cap of 2303"),
        pixels.getMessage());
  }
}
