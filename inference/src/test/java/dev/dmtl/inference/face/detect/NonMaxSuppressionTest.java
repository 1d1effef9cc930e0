package dev.dmtl.inference.face.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.dmtl.inference.face.FaceDetection;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {

  private static FaceDetection box(float x, float y, float w, float h, float score) {
    return new FaceDetection(x, y, w, h, score, new float[10]);
  }

  @Test
  void iouIsIntersectionOverUnion() {
    // 10x10 boxes offset by 5 in x: intersection 50, union 150
    assertEquals(1.0 / 3, NonMaxSuppression.iou(box(0, 0, 10, 10, 1), box(5, 0, 10, 10, 1)), 1e-12);
    // offset by 5 in x and y: intersection 25, union 175
    assertEquals(1.0 / 7, NonMaxSuppression.iou(box(0, 0, 10, 10, 1), box(5, 5, 10, 10, 1)), 1e-12);
    assertEquals(1.0, NonMaxSuppression.iou(box(3, 4, 7, 9, 1), box(3, 4, 7, 9, 1)), 1e-12);
    assertEquals(
        0.0, NonMaxSuppression.iou(box(0, 0, 10, 10, 1), box(10, 0, 10, 10, 1))); // touching
    assertEquals(
        0.25, NonMaxSuppression.iou(box(0, 0, 10, 10, 1), box(0, 0, 5, 5, 1)), 1e-12); // nested
  }

  @Test
  void keepsTheBestOfOverlappingBoxesAndAllSeparateOnes() {
    FaceDetection a = box(0, 0, 10, 10, 0.8f);
    FaceDetection b = box(1, 0, 10, 10, 0.9f); // IoU with a = 90 / 110 = 0.82: suppresses a
    FaceDetection c = box(5, 0, 10, 10, 0.7f); // IoU with b = 60 / 140 = 0.43 > 0.3: suppressed
    FaceDetection d = box(50, 50, 10, 10, 0.6f); // separate: kept
    FaceDetection e = box(0, 5, 10, 10, 0.95f); // IoU with b = 45/155 = 0.29 < 0.3: kept, first
    List<FaceDetection> kept = NonMaxSuppression.apply(List.of(a, b, c, d, e), 0.3, 100);
    assertEquals(List.of(e, b, d), kept);
    // a looser threshold keeps c too (0.43 <= 0.5), but still not a (0.82)
    assertEquals(List.of(e, b, c, d), NonMaxSuppression.apply(List.of(a, b, c, d, e), 0.5, 100));
  }

  @Test
  void topKLimitsTheCandidatesAndTiesKeepInputOrder() {
    FaceDetection first = box(0, 0, 10, 10, 0.9f);
    FaceDetection second = box(100, 0, 10, 10, 0.9f);
    FaceDetection third = box(200, 0, 10, 10, 0.5f);
    List<FaceDetection> kept = NonMaxSuppression.apply(List.of(third, first, second), 0.3, 2);
    assertEquals(2, kept.size());
    assertSame(first, kept.get(0));
    assertSame(second, kept.get(1));
    assertEquals(List.of(), NonMaxSuppression.apply(List.of(), 0.3, 5));
  }
}
