package dev.dmtl.contract.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared conventions of every dmtl document, each checked on a small record. */
class DmtlJsonTest {

  record Sample(
      String someName,
      double value,
      double missing,
      List<Double> series,
      Instant at,
      String absent) {}

  record Strict(@JsonProperty(required = true) String name, int count) {
    Strict {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, got " + count);
      }
    }
  }

  @Test
  void keysAreSnakeCaseNullsAndNanAreLeftOutAndNanInArraysIsNull() {
    String json =
        DmtlJson.compact(
            new Sample(
                "x",
                1.5,
                Double.NaN,
                Arrays.asList(0.25, Double.NaN),
                Instant.parse("2026-12-07T02:04:42Z"),
                null));
    assertEquals(
        "{\"some_name\":\"x\",\"value\":1.5,\"series\":[0.25,null],\"at\":\"2026-12-07T02:04:42Z\"}",
        json);
  }

  @Test
  void absentAndNullDoublesReadAsNan() {
    Sample s =
        DmtlJson.read(
            "{\"some_name\":\"x\",\"value\":null,\"series\":[1.0,null]}", Sample.class, "t");
    assertTrue(Double.isNaN(s.value()));
    assertTrue(Double.isNaN(s.missing()));
    assertEquals(Arrays.asList(1.0, null), s.series());
  }

  @Test
  void roundTripKeepsEveryValue() {
    Sample s =
        new Sample(
            "y",
            -0.125,
            Double.NaN,
            List.of(3.0),
            Instant.parse("2026-01-01T00:00:00.123456789Z"),
            "a");
    Sample back = DmtlJson.read(DmtlJson.compact(s), Sample.class, "t");
    assertEquals(s.someName(), back.someName());
    assertEquals(s.value(), back.value());
    assertTrue(Double.isNaN(back.missing()));
    assertEquals(s.series(), back.series());
    assertEquals(s.at(), back.at());
    assertEquals(s.absent(), back.absent());
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertEquals(
        new Strict("a", 2),
        DmtlJson.read("{\"name\":\"a\",\"count\":2,\"added_later\":[1]}", Strict.class, "t"));
  }

  @Test
  void problemsNameTheDocumentThePlaceAndTheCause() {
    assertEquals("f.json: name is missing", message("{\"count\":1}"));
    assertEquals(
        "f.json: count must not be negative, got -1", message("{\"name\":\"a\",\"count\":-1}"));
    // no silent coercion: neither a string nor a fraction is an int
    assertTrue(
        message("{\"name\":\"a\",\"count\":\"3\"}").startsWith("f.json: count: "),
        message("{\"name\":\"a\",\"count\":\"3\"}"));
    assertTrue(message("{\"name\":\"a\",\"count\":2.5}").startsWith("f.json: count: "));
    assertTrue(message("{\"name\":").startsWith("f.json: "));
  }

  @Test
  void aNewerSchemaVersionIsRefusedAndAbsentIsOne() {
    assertEquals(1, SchemaVersion.check(0, 2, "the x"));
    assertEquals(2, SchemaVersion.check(2, 2, "the x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SchemaVersion.check(3, 2, "the x"));
    assertEquals(
        "the x has schema_version 3, this tool reads versions 1 to 2: it was written by a newer dmtl",
        e.getMessage());
  }

  private static String message(String json) {
    return assertThrows(
            IllegalArgumentException.class, () -> DmtlJson.read(json, Strict.class, "f.json"))
        .getMessage();
  }
}
