package dev.dmtl.pipeline.infer;

import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.LabelSource;
import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.batch.AnalyzedFace;
import dev.dmtl.inference.batch.BatchAnalyzer;
import dev.dmtl.inference.batch.ImageOutcome;
import dev.dmtl.inference.image.CappedRead;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.pipeline.DeadLetterCoder;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunCounters;
import dev.dmtl.pipeline.input.InputItem;
import dev.dmtl.pipeline.output.PredictionRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Inputs → prediction rows ({@link #ROWS}) and dead letters ({@link #DEAD_LETTERS}).
 *
 * <p>Batches are formed before decoding, so only file paths (or archive-entry bytes) cross the
 * shuffle and the 48 KB float tensors never meet a coder; read, decode, face extraction and
 * inference then run fused in one DoFn. How the batches are formed depends on the runner: see
 * {@link Batching}.
 */
public final class InferFaceAttributes extends PTransform<PCollection<InputItem>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<GenericRecord> ROWS = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final AnalyzeConfig config;

  public InferFaceAttributes(AnalyzeConfig config) {
    this.config = config;
  }

  @Override
  public PCollectionTuple expand(PCollection<InputItem> items) {
    PCollection<KV<Integer, Iterable<InputItem>>> batches = switch (config.batching()) {
      case KEYED -> items
          .apply("KeyByShard", WithKeys.of((InputItem item) -> shardOf(item, config.shards()))
              .withKeyType(TypeDescriptors.integers()))
          .setCoder(KvCoder.of(VarIntCoder.of(), InputItem.Coder.INSTANCE))
          .apply("BatchInputs", GroupIntoBatches.ofSize(config.batchSize()));
      case BUNDLE -> items
          .apply("KeyByPath", WithKeys.of(InferFaceAttributes::spreadKey).withKeyType(TypeDescriptors.integers()))
          .setCoder(KvCoder.of(VarIntCoder.of(), InputItem.Coder.INSTANCE))
          .apply("Rebalance", Reshuffle.of())
          .apply("BatchInBundle", ParDo.of(new BatchInBundleFn(config.batchSize())))
          .setCoder(KvCoder.of(VarIntCoder.of(), IterableCoder.of(InputItem.Coder.INSTANCE)));
    };
    PCollectionTuple out = batches
        .apply("DecodeAndPredict", ParDo.of(new AnalyzeFn(config)).withOutputTags(ROWS, TupleTagList.of(DEAD_LETTERS)));
    out.get(ROWS).setCoder(AvroCoder.of(new Schema.Parser().parse(config.rowSchemaJson())));
    out.get(DEAD_LETTERS).setCoder(DeadLetterCoder.INSTANCE);
    return out;
  }

  /**
   * The shard of an input: a hash of its relative path (and entry), not of its absolute location,
   * so the same inputs are batched the same way wherever they live.
   */
  static int shardOf(InputItem item, int shards) {
    return Math.floorMod(key(item).hashCode(), shards);
  }

  /** The rebalancing key of an input ({@link Batching#BUNDLE}): its path's hash, one key per input in practice. */
  static int spreadKey(InputItem item) {
    return key(item).hashCode();
  }

  private static String key(InputItem item) {
    return item.entry() == null ? item.relativePath() : item.relativePath() + "!/" + item.entry();
  }

  /**
   * Cuts the inputs of a bundle into batches of {@code batchSize}; the rest goes out when the bundle
   * ends. The pipeline never windows, so everything is in the global window.
   */
  static final class BatchInBundleFn extends DoFn<KV<Integer, InputItem>, KV<Integer, Iterable<InputItem>>> {
    private static final long serialVersionUID = 1L;
    private final int batchSize;
    private transient List<InputItem> buffer;

    BatchInBundleFn(int batchSize) {
      this.batchSize = batchSize;
    }

    @StartBundle
    public void start() {
      buffer = new ArrayList<>(batchSize);
    }

    @ProcessElement
    public void process(@Element KV<Integer, InputItem> input, OutputReceiver<KV<Integer, Iterable<InputItem>>> out) {
      buffer.add(input.getValue());
      if (buffer.size() == batchSize) {
        out.output(KV.of(0, buffer));
        buffer = new ArrayList<>(batchSize);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      if (!buffer.isEmpty()) {
        context.output(KV.of(0, buffer), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        buffer = new ArrayList<>(batchSize);
      }
    }
  }

  /** Reads, decodes, extracts faces and predicts one batch of inputs. */
  static final class AnalyzeFn extends DoFn<KV<Integer, Iterable<InputItem>>, GenericRecord> {
    private static final long serialVersionUID = 1L;

    private final AnalyzeConfig config;
    private final RunCounters counters;
    private transient FacePredictor predictor;
    private transient BatchAnalyzer analyzer;
    private transient PredictionRows rows;
    private transient LabelSource labels;

    AnalyzeFn(AnalyzeConfig config) {
      this.config = config;
      this.counters = new RunCounters(config.runId());
    }

    @Setup
    public void setup() throws InvalidRunException {
      DmtlModel model = WorkerResources.model(config);
      predictor = model.newPredictor();
      analyzer = new BatchAnalyzer(new ImageDecoder(config.limits()), WorkerResources.extractor(config, model),
          predictor, config.batchSize(), counters::batch);
      rows = new PredictionRows(new Schema.Parser().parse(config.rowSchemaJson()), model.contract(), config.labels() != null);
      labels = config.labels() == null ? null : config.labels().load();
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<InputItem>> batch, MultiOutputReceiver out) {
      List<InputItem> readable = new ArrayList<>();
      List<byte[]> bytes = new ArrayList<>();
      for (InputItem item : batch.getValue()) {
        try {
          bytes.add(read(item));
          readable.add(item);
        } catch (ImageDecodeException e) {
          deadLetter(out, item, e.stage(), e.errorClass(), e.getMessage());
        } catch (IOException e) {
          deadLetter(out, item, Stage.READ, e.getClass().getSimpleName(), "cannot read: " + e.getMessage());
        }
      }
      List<ImageOutcome> outcomes = analyzer.analyze(bytes);
      for (int i = 0; i < outcomes.size(); i++) {
        InputItem item = readable.get(i);
        ImageOutcome outcome = outcomes.get(i);
        if (outcome instanceof ImageOutcome.Failed f) {
          deadLetter(out, item, f.stage(), f.errorClass(), f.message());
        } else if (outcome instanceof ImageOutcome.Analyzed a) {
          FaceLabels truth = labels == null ? FaceLabels.NONE : labels.lookup(item.relativePath()).orElse(FaceLabels.NONE);
          for (AnalyzedFace face : a.faces()) {
            out.get(ROWS).output(rows.row(item.source(), item.entry(), a, face, truth, new PredictionRows.LabelTally() {
              @Override
              public void missing(String task) {
                counters.labelMissing(task);
              }

              @Override
              public void unknownValue(String task, String value) {
                counters.labelUnparsable();
              }
            }));
          }
          counters.predicted(a.faces().size());
        }
      }
    }

    private byte[] read(InputItem item) throws IOException, ImageDecodeException {
      if (item.content() != null) {
        return item.content();
      }
      if (item.sizeBytes() > config.maxFileBytes()) {
        throw new ImageDecodeException(Stage.DECODE, "file is " + item.sizeBytes() + " bytes, over the cap of "
            + config.maxFileBytes() + " bytes");
      }
      try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(item.source(), false)))) {
        return CappedRead.readAll(in, config.maxFileBytes());
      }
    }

    private void deadLetter(MultiOutputReceiver out, InputItem item, Stage stage, String errorClass, String message) {
      counters.deadLetter(stage);
      out.get(DEAD_LETTERS).output(new DeadLetter(item.source(), item.entry(), stage, errorClass,
          message == null ? errorClass : message));
    }

    @Teardown
    public void teardown() {
      if (predictor != null) {
        predictor.close();
      }
    }
  }
}
