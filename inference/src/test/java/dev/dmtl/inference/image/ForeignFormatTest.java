package dev.dmtl.inference.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForeignFormatTest {

  private static Optional<ForeignFormat> guess(String text) {
    return ForeignFormat.guess(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void commonNonImagesAreNamed() {
    assertEquals(Optional.of(ForeignFormat.PDF), guess("%PDF-1.7\n"));
    assertEquals(
        Optional.of(ForeignFormat.SVG),
        guess("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    assertEquals(
        Optional.of(ForeignFormat.HTML),
        guess("\n  <!DOCTYPE html><html><body>403 Forbidden</body></html>"));
    assertEquals(Optional.of(ForeignFormat.HTML), guess("\ufeff<html lang=\"en\">"));
    assertEquals(Optional.of(ForeignFormat.WEBP), guess("RIFF\0\0\0\0WEBPVP8 "));
    assertEquals(Optional.of(ForeignFormat.TIFF), guess("II*\0\10\0\0\0"));
    assertEquals(Optional.of(ForeignFormat.ZIP), guess("PK\3\4rest"));
    assertEquals(Optional.of(ForeignFormat.TEXT), guess("Grüße, this is a note\r\n"));
    assertEquals(Optional.of(ForeignFormat.TEXT), guess("<note>markup that is neither</note>"));
  }

  @Test
  void binaryNoiseIsNotGuessed() {
    assertEquals(Optional.empty(), ForeignFormat.guess(new byte[] {1, 2, 3, (byte) 0xFF}));
    assertEquals(Optional.empty(), ForeignFormat.guess(new byte[0]));
  }
}
