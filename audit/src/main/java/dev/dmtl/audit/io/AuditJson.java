package dev.dmtl.audit.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.config.LabelSource;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.Coverage;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.audit.result.Interval;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.Provenance;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.audit.result.TaskInfo;
import dev.dmtl.audit.result.TaskSource;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.rows.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit JSON file (docs/AUDIT_SCHEMA.md, schema version {@value AuditResult#SCHEMA_VERSION}):
 * written with Jackson's streaming generator, read back into the same {@link AuditResult}. Keys
 * are snake_case, enum values their {@code jsonName()}, NaN is written as {@code null} (JSON has
 * no NaN) and read back as NaN.
 */
public final class AuditJson {

  /** Value of the top-level {@code "schema"} key, so a file says what it is. */
  public static final String SCHEMA_NAME = "dmtl-audit";

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private AuditJson() {}

  public static void write(AuditResult result, Path file, boolean pretty) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(result, out, pretty);
    } catch (IOException e) {
      throw new IOException("cannot write the audit JSON " + file + ": " + e.getMessage(), e);
    }
  }

  public static void write(AuditResult r, OutputStream out, boolean pretty) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA_NAME);
      g.writeNumberField("schema_version", r.schemaVersion());
      g.writeStringField("mode", r.mode().jsonName());
      g.writeStringField("notice", r.notice());
      writeProvenance(g, r.provenance());
      g.writeArrayFieldStart("tasks");
      for (TaskInfo t : r.tasks()) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("kind", t.kind().jsonName());
        strings(g, "labels", t.labels());
        g.writeArrayFieldStart("ranks");
        for (int rank : t.ranks()) {
          g.writeNumber(rank);
        }
        g.writeEndArray();
        strings(g, "classes", t.classes());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("attributes");
      for (Attribute a : r.attributes()) {
        g.writeStartObject();
        g.writeStringField("name", a.name());
        g.writeStringField("task", a.task());
        g.writeStringField("source", a.source().jsonName());
        strings(g, "values", a.values());
        g.writeEndObject();
      }
      g.writeEndArray();
      strings(g, "groupings", r.groupings().stream().map(Grouping::id).toList());
      g.writeArrayFieldStart("groups");
      for (GroupResult group : r.groups()) {
        g.writeStartObject();
        g.writeStringField("group", group.key().id());
        g.writeStringField("grouping", group.key().grouping().id());
        g.writeNumberField("n", group.n());
        g.writeBooleanField("reference", group.reference());
        g.writeArrayFieldStart("metrics");
        for (MetricResult m : group.metrics()) {
          writeMetric(g, m);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("gaps");
      for (GapResult gap : r.gaps()) {
        g.writeStartObject();
        g.writeStringField("id", gap.id());
        g.writeStringField("grouping", gap.grouping().id());
        g.writeStringField("task", gap.task());
        g.writeStringField("metric", gap.metric() == null ? null : gap.metric().id());
        g.writeStringField("kind", gap.kind().jsonName());
        estimateFields(g, gap.estimate());
        g.writeNumberField("groups_compared", gap.groupsCompared());
        g.writeStringField("min_group", gap.minGroup() == null ? null : gap.minGroup().id());
        g.writeStringField("max_group", gap.maxGroup() == null ? null : gap.maxGroup().id());
        g.writeStringField("reference", gap.reference() == null ? null : gap.reference().id());
        g.writeStringField("class", gap.label());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("confusion_matrices");
      for (ConfusionMatrix c : r.confusionMatrices()) {
        g.writeStartObject();
        g.writeStringField("group", c.group().id());
        g.writeStringField("task", c.task());
        strings(g, "classes", c.classes());
        g.writeArrayFieldStart("counts");
        for (long[] row : c.counts()) {
          g.writeStartArray();
          for (long v : row) {
            g.writeNumber(v);
          }
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeNumberField("n", c.n());
        g.writeBooleanField("insufficient", c.insufficient());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeCoverage(g, r.coverage());
      g.writeArrayFieldStart("rule_outcomes");
      for (RuleOutcome o : r.ruleOutcomes()) {
        g.writeStartObject();
        g.writeStringField("rule", o.rule().text());
        g.writeStringField("subject", o.subject());
        number(g, "observed", o.observed());
        g.writeStringField("status", o.status().jsonName());
        g.writeEndObject();
      }
      g.writeEndArray();
      strings(g, "warnings", r.warnings());
      g.writeEndObject();
    }
  }

  private static void writeProvenance(JsonGenerator g, Provenance p) throws IOException {
    g.writeObjectFieldStart("provenance");
    g.writeStringField("tool", "dmtl");
    g.writeStringField("tool_version", p.toolVersion());
    g.writeStringField("created_at", p.createdAt().toString());
    g.writeStringField("model_sha256", p.modelSha256());
    g.writeStringField("task_source", p.taskSource().jsonName());
    g.writeArrayFieldStart("inputs");
    for (InputFile f : p.inputs()) {
      g.writeStartObject();
      g.writeStringField("path", f.path());
      g.writeStringField("sha256", f.sha256());
      g.writeStringField("kind", f.kind().jsonName());
      g.writeNumberField("rows", f.rows());
      g.writeEndObject();
    }
    g.writeEndArray();
    AuditOptions o = p.options();
    g.writeObjectFieldStart("options");
    g.writeObjectFieldStart("age_bins");
    g.writeStringField("name", o.ageBins().name());
    g.writeArrayFieldStart("lower_edges");
    for (int e : o.ageBins().lowerEdges()) {
      g.writeNumber(e);
    }
    g.writeEndArray();
    strings(g, "labels", o.ageBins().labels());
    g.writeEndObject();
    g.writeStringField("age_prediction", o.agePrediction().jsonName());
    g.writeStringField("label_source", o.labelSource().jsonName());
    g.writeStringField("mode", o.mode().jsonName());
    g.writeNumberField("min_group_size", o.minGroupSize());
    g.writeNumberField("resamples", o.resamples());
    g.writeNumberField("seed", o.seed());
    g.writeNumberField("confidence_level", o.confidenceLevel());
    g.writeNumberField("max_intersection", o.maxIntersection());
    strings(g, "references", o.references().stream().map(GroupKey::id).toList());
    strings(g, "fail_rules", o.failRules().stream().map(FailRule::text).toList());
    g.writeNumberField("threads", o.threads());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeMetric(JsonGenerator g, MetricResult m) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", m.key().id());
    g.writeStringField("task", m.key().task());
    g.writeStringField("metric", m.key().metric().jsonName());
    g.writeStringField("class", m.key().label());
    if (m.key().k() == null) {
      g.writeNullField("k");
    } else {
      g.writeNumberField("k", m.key().k());
    }
    g.writeNumberField("n", m.n());
    g.writeBooleanField("insufficient", m.insufficient());
    estimateFields(g, m.estimate());
    number(g, "wilson_lower", m.wilson().lower());
    number(g, "wilson_upper", m.wilson().upper());
    estimateObject(g, "vs_reference", m.vsReference());
    estimateObject(g, "ratio_to_reference", m.ratioToReference());
    estimateObject(g, "vs_overall", m.vsOverall());
    g.writeEndObject();
  }

  private static void writeCoverage(JsonGenerator g, Coverage c) throws IOException {
    g.writeObjectFieldStart("coverage");
    g.writeBooleanField("per_group", c.perGroup());
    g.writeNumberField("unlabelled_inputs", c.unlabelledInputs());
    g.writeArrayFieldStart("rows");
    for (CoverageRow row : c.rows()) {
      g.writeStartObject();
      g.writeStringField("group", row.group().id());
      g.writeStringField("grouping", row.group().grouping().id());
      g.writeNumberField("inputs", row.inputs());
      g.writeNumberField("with_prediction", row.withPrediction());
      g.writeNumberField("no_face", row.noFace());
      g.writeNumberField("failed", row.failed());
      g.writeObjectFieldStart("dead_letters_by_stage");
      for (Map.Entry<Stage, Long> e : row.deadLettersByStage().entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeFieldName("coverage");
      writeMetric(g, row.coverage());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void estimateFields(JsonGenerator g, Estimate e) throws IOException {
    number(g, "value", e.value());
    number(g, "ci_lower", e.lower());
    number(g, "ci_upper", e.upper());
  }

  private static void estimateObject(JsonGenerator g, String name, Estimate e) throws IOException {
    g.writeObjectFieldStart(name);
    estimateFields(g, e);
    g.writeEndObject();
  }

  /** NaN and infinities have no JSON form: written as null. */
  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  // ------------------------------------------------------------------ reading

  public static AuditResult read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not a valid audit JSON file: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when the JSON is not an audit file of a schema version this
   *     code reads, naming the first problem
   */
  public static AuditResult read(InputStream in) throws IOException {
    JsonNode root = MAPPER.readTree(in);
    if (root == null || !SCHEMA_NAME.equals(root.path("schema").asText())) {
      throw new IllegalArgumentException("\"schema\" is not \"" + SCHEMA_NAME + "\"");
    }
    int version = root.path("schema_version").asInt(-1);
    if (version != AuditResult.SCHEMA_VERSION) {
      throw new IllegalArgumentException("schema_version is " + version + ", this tool reads " + AuditResult.SCHEMA_VERSION);
    }
    AuditMode mode = AuditMode.parse(text(root, "mode"));
    Provenance provenance = readProvenance(req(root, "provenance"));
    List<TaskInfo> tasks = list(req(root, "tasks"), t -> new TaskInfo(text(t, "name"), TaskKind.fromJson(text(t, "kind")),
        strings(req(t, "labels")), ints(req(t, "ranks")), strings(req(t, "classes"))));
    List<Attribute> attributes = list(req(root, "attributes"), a -> new Attribute(text(a, "name"), text(a, "task"),
        AttributeSource.valueOf(text(a, "source").toUpperCase(java.util.Locale.ROOT)), strings(req(a, "values"))));
    List<Grouping> groupings = strings(req(root, "groupings")).stream().map(Grouping::parse).toList();
    List<GroupResult> groups = list(req(root, "groups"), g -> new GroupResult(GroupKey.parse(text(g, "group")),
        req(g, "n").asLong(), req(g, "reference").asBoolean(), list(req(g, "metrics"), AuditJson::readMetric)));
    List<GapResult> gaps = list(req(root, "gaps"), g -> new GapResult(Grouping.parse(text(g, "grouping")), text(g, "task"),
        optText(g, "metric") == null ? null : MetricKey.parse(optText(g, "metric")), GapKind.parse(text(g, "kind")),
        estimate(g), req(g, "groups_compared").asInt(), optGroup(g, "min_group"), optGroup(g, "max_group"),
        optGroup(g, "reference"), optText(g, "class")));
    List<ConfusionMatrix> matrices = list(req(root, "confusion_matrices"), c -> {
      JsonNode counts = req(c, "counts");
      long[][] m = new long[counts.size()][];
      for (int i = 0; i < m.length; i++) {
        JsonNode row = counts.get(i);
        m[i] = new long[row.size()];
        for (int j = 0; j < m[i].length; j++) {
          m[i][j] = row.get(j).asLong();
        }
      }
      return new ConfusionMatrix(GroupKey.parse(text(c, "group")), text(c, "task"), strings(req(c, "classes")), m,
          req(c, "insufficient").asBoolean());
    });
    JsonNode cov = req(root, "coverage");
    Coverage coverage = new Coverage(req(cov, "per_group").asBoolean(), req(cov, "unlabelled_inputs").asLong(),
        list(req(cov, "rows"), row -> {
          Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
          for (Iterator<Map.Entry<String, JsonNode>> it = req(row, "dead_letters_by_stage").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byStage.put(Stage.valueOf(e.getKey()), e.getValue().asLong());
          }
          return new CoverageRow(GroupKey.parse(text(row, "group")), req(row, "inputs").asLong(),
              req(row, "with_prediction").asLong(), req(row, "no_face").asLong(), req(row, "failed").asLong(), byStage,
              readMetric(req(row, "coverage")));
        }));
    List<FailRule> rules = provenance.options().failRules();
    List<RuleOutcome> outcomes = list(req(root, "rule_outcomes"), o -> {
      String text = text(o, "rule");
      FailRule rule = rules.stream().filter(r -> r.text().equals(text)).findFirst().orElseGet(() -> FailRule.parse(text));
      return new RuleOutcome(rule, text(o, "subject"), num(o, "observed"),
          RuleOutcome.Status.valueOf(text(o, "status").toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    });
    return new AuditResult(version, mode, optText(root, "notice"), provenance, tasks, attributes, groupings, groups, gaps,
        matrices, coverage, outcomes, strings(req(root, "warnings")));
  }

  private static Provenance readProvenance(JsonNode p) {
    List<InputFile> inputs = list(req(p, "inputs"), f -> new InputFile(text(f, "path"), text(f, "sha256"),
        InputFile.Kind.valueOf(text(f, "kind").toUpperCase(java.util.Locale.ROOT).replace('-', '_')), req(f, "rows").asLong()));
    JsonNode o = req(p, "options");
    JsonNode bins = req(o, "age_bins");
    AuditOptions options = new AuditOptions(
        new AgeBins(text(bins, "name"), ints(req(bins, "lower_edges")), strings(req(bins, "labels"))),
        AgePrediction.parse(text(o, "age_prediction")), LabelSource.parse(text(o, "label_source")),
        ModeChoice.parse(text(o, "mode")), req(o, "min_group_size").asInt(), req(o, "resamples").asInt(),
        req(o, "seed").asLong(), req(o, "confidence_level").asDouble(), req(o, "max_intersection").asInt(),
        strings(req(o, "references")).stream().map(GroupKey::parse).toList(),
        strings(req(o, "fail_rules")).stream().map(FailRule::parse).toList(), req(o, "threads").asInt());
    return new Provenance(text(p, "tool_version"), Instant.parse(text(p, "created_at")), inputs, optText(p, "model_sha256"),
        TaskSource.valueOf(text(p, "task_source").toUpperCase(java.util.Locale.ROOT)), options);
  }

  private static MetricResult readMetric(JsonNode m) {
    return new MetricResult(MetricKey.parse(text(m, "key")), req(m, "n").asLong(), req(m, "insufficient").asBoolean(),
        estimate(m), new Interval(num(m, "wilson_lower"), num(m, "wilson_upper")), estimate(req(m, "vs_reference")),
        estimate(req(m, "ratio_to_reference")), estimate(req(m, "vs_overall")));
  }

  private static Estimate estimate(JsonNode n) {
    return new Estimate(num(n, "value"), num(n, "ci_lower"), num(n, "ci_upper"));
  }

  private static GroupKey optGroup(JsonNode n, String field) {
    String id = optText(n, field);
    return id == null ? null : GroupKey.parse(id);
  }

  private static JsonNode req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new IllegalArgumentException("missing \"" + field + "\"");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = req(n, field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a string");
    }
    return v.asText();
  }

  private static String optText(JsonNode n, String field) {
    JsonNode v = req(n, field);
    return v.isNull() ? null : v.asText();
  }

  /** null is NaN. */
  private static double num(JsonNode n, String field) {
    JsonNode v = req(n, field);
    if (v.isNull()) {
      return Double.NaN;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a number or null");
    }
    return v.asDouble();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asInt()));
    return out;
  }

  private static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected an array");
    }
    List<T> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(f.apply(n)));
    return out;
  }
}
