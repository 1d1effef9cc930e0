package dev.dmtl.contract.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON binding of every document dmtl writes and reads: the run manifest and the {@code
 * dmtl.run} Parquet footer, the model contract metadata, the training provenance and history, the
 * audit result. One set of rules, so a reader of any file can rely on them (docs/AUDIT_SCHEMA.md,
 * "Conventions"):
 *
 * <ul>
 *   <li>keys are snake_case unless a record says otherwise (the training history keeps the
 *       camelCase it has always been written in);
 *   <li>NaN and infinities have no JSON form: a number that is NaN is left out of its object (and
 *       written as {@code null} inside an array); a field that is absent or {@code null} reads back
 *       as NaN for a {@code double} and as null for an object;
 *   <li>null fields are left out;
 *   <li>unknown fields are ignored, so a newer writer that adds a field does not break an older
 *       reader; every document carries a {@code schema_version} whose reader refuses versions it
 *       does not know ({@link SchemaVersion});
 *   <li>no silent coercion: a string is not read as a number, a fraction is not truncated to an
 *       integer;
 *   <li>times are ISO-8601 strings in UTC.
 * </ul>
 */
public final class DmtlJson {

  private static final JsonMapper MAPPER = build();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private DmtlJson() {}

  /** The configured mapper; shared and thread-safe. Prefer the methods below. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Compact JSON of a value (a Parquet footer, an ONNX metadata value). */
  public static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot serialise " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Indented UTF-8 JSON of a value (a file people read). */
  public static byte[] pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot serialise " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Writes a value to a stream, indented or compact. */
  public static void write(Object value, OutputStream out, boolean pretty) throws IOException {
    (pretty ? PRETTY : MAPPER.writer()).writeValue(out, value);
  }

  /** A value as a JSON tree (for a document that embeds another verbatim). */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Reads a document.
   *
   * @param what names the document in the error message, e.g. {@code runs/demo/manifest.json}
   * @throws IllegalArgumentException naming {@code what}, the place in the document and the problem
   */
  public static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw JsonProblem.of(what, e);
    }
  }

  /** As {@link #read(byte[], Class, String)} for a string. */
  public static <T> T read(String json, Class<T> type, String what) {
    return read(json.getBytes(StandardCharsets.UTF_8), type, what);
  }

  /** As {@link #read(byte[], Class, String)} for a tree. */
  public static <T> T read(JsonNode json, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(json, type);
    } catch (IOException e) {
      throw JsonProblem.of(what, e);
    }
  }

  /**
   * Reads a file.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a valid document, naming the file
   */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in.readAllBytes(), type, file.toString());
    }
  }

  /**
   * Reads a versioned document: its {@code schema_version} (or the first of {@code aliases} it has)
   * is checked by {@link SchemaVersion#check} before anything else, because a file of another
   * version may have another shape altogether.
   *
   * @throws IllegalArgumentException naming {@code what} and the problem
   */
  public static <T> T readVersioned(
      byte[] json, Class<T> type, String what, int supported, String... aliases) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw JsonProblem.of(what, e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException(what + ": not a JSON object");
    }
    JsonNode version = tree.get("schema_version");
    for (int i = 0; version == null && i < aliases.length; i++) {
      version = tree.get(aliases[i]);
    }
    if (version != null && !version.isIntegralNumber()) {
      throw new IllegalArgumentException(what + ": schema_version is not an integer");
    }
    SchemaVersion.check(version == null ? 0 : version.asInt(), supported, what);
    return read(tree, type, what);
  }

  /** Parses JSON into a tree (for a value whose shape the reader checks itself). */
  public static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw JsonProblem.of(what, e);
    }
  }

  private static JsonMapper build() {
    SimpleModule nan = new SimpleModule("dmtl-nan-as-null");
    nan.addSerializer(Double.class, new NanAsNull<>(Double.class));
    nan.addSerializer(Double.TYPE, new NanAsNull<>(Double.TYPE));
    nan.addSerializer(Float.class, new NanAsNull<>(Float.class));
    nan.addSerializer(Float.TYPE, new NanAsNull<>(Float.TYPE));
    // an absent or null double is NaN (undefined), never 0
    nan.addDeserializer(
        Double.TYPE, new NumberDeserializers.DoubleDeserializer(Double.TYPE, Double.NaN));
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(nan)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.CUSTOM, JsonInclude.Include.NON_NULL, NotWritten.class, null))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
  }

  /**
   * Writes NaN and infinities as {@code null} (inside arrays; fields holding them are left out).
   */
  private static final class NanAsNull<T extends Number> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    NanAsNull(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double d = value.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        gen.writeNull();
      } else if (value instanceof Float f) {
        gen.writeNumber(f);
      } else {
        gen.writeNumber(d);
      }
    }
  }

  /**
   * The property filter behind "null and NaN fields are left out": Jackson calls {@code equals}
   * with the value and leaves the property out when it answers true.
   */
  static final class NotWritten {
    @Override
    public boolean equals(Object value) {
      return value == null
          || (value instanceof Double d && (d.isNaN() || d.isInfinite()))
          || (value instanceof Float f && (f.isNaN() || f.isInfinite()));
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
