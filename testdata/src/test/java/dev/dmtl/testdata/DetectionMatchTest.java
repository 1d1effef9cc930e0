package dev.dmtl.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionMatchTest {

  /** A detection of this test: a box and a score. */
  private record Det(double x, double y, double w, double h, double score) {}

  private static Det det(double x, double y, double w, double h, double score) {
    return new Det(x, y, w, h, score);
  }

  /** Intersection over union, written out for the hand-computed expectations below. */
  private static double iou(Det d, DlibBoxes.Box b) {
    double iw = Math.min(d.x() + d.w(), b.left() + b.width()) - Math.max(d.x(), b.left());
    double ih = Math.min(d.y() + d.h(), b.top() + b.height()) - Math.max(d.y(), b.top());
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    return iw * ih / (d.w() * d.h() + b.width() * b.height() - iw * ih);
  }

  @Test
  void readsDlibXmlWithIgnoreBoxes(@TempDir Path dir) throws IOException {
    Path xml = dir.resolve("faces.xml");
    Files.writeString(
        xml,
        """
        <?xml version='1.0' encoding='ISO-8859-1'?>
        <dataset><name>t</name><images>
          <image file='a.jpg'>
            <box top='10' left='20' width='30' height='40'/>
            <box top='100' left='100' width='50' height='50' ignore='1'/>
          </image>
          <image file='b.jpg'/>
        </images></dataset>
        """);
    List<DlibBoxes.AnnotatedImage> images = DlibBoxes.read(xml);
    assertEquals(2, images.size());
    assertEquals("a.jpg", images.get(0).file());
    assertEquals(new DlibBoxes.Box(20, 10, 30, 40, false), images.get(0).boxes().get(0));
    assertEquals(true, images.get(0).boxes().get(1).ignore());
    assertEquals(1, images.get(0).countedFaces());
    assertEquals(List.of(), images.get(1).boxes());
  }

  @Test
  void refusesABoxWithoutCoordinates(@TempDir Path dir) throws IOException {
    Path xml = dir.resolve("bad.xml");
    Files.writeString(
        xml, "<dataset><images><image file='a.jpg'><box top='1'/></image></images></dataset>");
    assertThrows(IOException.class, () -> DlibBoxes.read(xml));
  }

  @Test
  void countsHitsMissesAndFalseAlarmsAndIgnoresDontCareBoxes() {
    List<DlibBoxes.Box> boxes =
        List.of(
            new DlibBoxes.Box(0, 0, 10, 10, false),
            new DlibBoxes.Box(100, 0, 10, 10, false),
            new DlibBoxes.Box(200, 0, 10, 10, true));
    List<Det> found =
        List.of(
            det(1, 0, 10, 10, 0.9), // IoU 90/110 = 0.82 with box 0: hit
            det(0, 0, 10, 10, 0.8), // box 0 already claimed: false alarm
            det(200, 0, 10, 10, 0.95), // ignore box: neither
            det(104, 0, 10, 10, 0.7), // IoU 60/140 = 0.43 with box 1: below 0.5, false alarm
            det(500, 500, 10, 10, 0.6)); // nothing: false alarm
    DetectionMatch<Det> m =
        DetectionMatch.of(found, Det::score, DetectionMatchTest::iou, boxes, 0.5);
    assertEquals(1, m.hits());
    assertEquals(3, m.falseAlarms());
    assertEquals(1, m.misses());
    assertEquals(90.0 / 110, m.matchedIous().get(0), 1e-6);
    // at IoU >= 0.4 the shifted box becomes a hit
    DetectionMatch<Det> loose =
        DetectionMatch.of(found, Det::score, DetectionMatchTest::iou, boxes, 0.4);
    assertEquals(2, loose.hits());
    assertEquals(0, loose.misses());
    assertEquals(2, loose.falseAlarms());
  }
}
