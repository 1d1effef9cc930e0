package dev.dmtl.pipeline.infer;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.labels.FaceLabels;
import dev.dmtl.contract.labels.LabelSource;
import dev.dmtl.contract.rows.DeadLetter;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.batch.AnalyzedFace;
import dev.dmtl.inference.batch.BatchAnalyzer;
import dev.dmtl.inference.batch.FaceMaps;
import dev.dmtl.inference.batch.ImageOutcome;
import dev.dmtl.inference.explain.OcclusionGrid;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.image.CappedRead;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunCounters;
import dev.dmtl.pipeline.input.ArchiveEntries;
import dev.dmtl.pipeline.input.ArchiveReader;
import dev.dmtl.pipeline.input.InputItem;
import dev.dmtl.pipeline.input.InputUnit;
import dev.dmtl.pipeline.output.OutputRecords;
import dev.dmtl.pipeline.output.PredictionRows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Units of input ({@link InputUnit}) → prediction rows and dead-letter rows, in one collection (see
 * {@link OutputRecords} for why).
 *
 * <p>Batches are formed before decoding (by the listing for plain files, here for archive entries),
 * so the 48 KB float tensors never meet a coder; read, decode, face extraction and inference run
 * fused in one DoFn, chained to the source that hands out the units.
 */
public final class InferFaceAttributes
    extends PTransform<PCollection<InputUnit>, PCollection<GenericRecord>> {
  private static final long serialVersionUID = 1L;

  private final AnalyzeConfig config;

  public InferFaceAttributes(AnalyzeConfig config) {
    this.config = config;
  }

  @Override
  public PCollection<GenericRecord> expand(PCollection<InputUnit> units) {
    return units
        .apply("DecodeAndPredict", ParDo.of(new AnalyzeFn(config)))
        .setCoder(new OutputRecords.Coder(config.rowSchemaJson(), config.deadLetterSchemaJson()));
  }

  /**
   * Reads, decodes, extracts faces and predicts: a batch of files, or an archive's entries batch by
   * batch.
   */
  static final class AnalyzeFn extends DoFn<InputUnit, GenericRecord> {
    private static final long serialVersionUID = 1L;

    private final AnalyzeConfig config;
    private final RunCounters counters;
    private transient FacePredictor predictor;
    private transient BatchAnalyzer analyzer;
    private transient PredictionRows rows;
    private transient Schema deadLetterSchema;
    private transient LabelSource labels;

    AnalyzeFn(AnalyzeConfig config) {
      this.config = config;
      this.counters = new RunCounters(config.runId());
    }

    @Setup
    public void setup() throws InvalidRunException {
      DmtlModel model = WorkerResources.model(config);
      predictor = model.newPredictor();
      analyzer =
          new BatchAnalyzer(
              new ImageDecoder(config.limits()),
              WorkerResources.extractor(config, model),
              predictor,
              config.batchSize(),
              counters::batch,
              faceMaps(config.request().cams(), model));
      rows =
          new PredictionRows(
              new Schema.Parser().parse(config.rowSchemaJson()),
              model.contract(),
              config.labels() != null,
              config.request().cams() != null);
      deadLetterSchema = new Schema.Parser().parse(config.deadLetterSchemaJson());
      labels = config.labels() == null ? null : config.labels().load();
    }

    /** The maps {@code --cams} asks for; the driver checked that the model supports them. */
    private static FaceMaps faceMaps(SaliencyMethod method, DmtlModel model) {
      if (method == null) {
        return FaceMaps.NONE;
      }
      return switch (method) {
        case CLASS_ACTIVATION -> FaceMaps.classActivation();
        case OCCLUSION ->
            FaceMaps.occlusion(
                OcclusionGrid.of(OcclusionGrid.DEFAULT_SIZE), model.contract().tasks());
      };
    }

    @ProcessElement
    public void process(@Element InputUnit unit, OutputReceiver<GenericRecord> out) {
      switch (unit.kind()) {
        case FILES -> {
          counters.listedInputsTaken(unit.files().size());
          analyze(unit.files(), out);
        }
        case ARCHIVE -> archive(unit.archive(), out);
        case REJECTED -> {
          counters.listedInputsTaken(1);
          deadLetter(out, unit.rejected());
        }
      }
    }

    /**
     * Streams the entries of an archive into batches: at most one batch of entries is held at a
     * time.
     */
    private void archive(String source, OutputReceiver<GenericRecord> out) {
      List<InputItem> batch = new ArrayList<>(config.batchSize().faces());
      ArchiveEntries.read(
          source,
          config.maxFileBytes(),
          new ArchiveReader.Visitor() {
            @Override
            public void image(String entry, byte[] content) {
              counters.inputSeen();
              batch.add(InputItem.entry(source, entry, content));
              if (batch.size() == config.batchSize().faces()) {
                analyze(batch, out);
                batch.clear();
              }
            }

            @Override
            public void rejected(String entry, Stage stage, String errorClass, String message) {
              counters.inputSeen();
              deadLetter(
                  out, new DeadLetter(source, entry, entry, null, stage, errorClass, message));
            }
          });
      if (!batch.isEmpty()) {
        analyze(batch, out);
      }
    }

    private void analyze(List<InputItem> batch, OutputReceiver<GenericRecord> out) {
      List<InputItem> readable = new ArrayList<>();
      List<byte[]> bytes = new ArrayList<>();
      for (InputItem item : batch) {
        try {
          byte[] content = read(item);
          // --skip-known: the hash decides, not the name; a changed file under an old name is new
          if (!config.knownImages().isEmpty()
              && config.knownImages().contains(ContentHash.sha256Hex(content))) {
            counters.skippedKnown();
            continue;
          }
          bytes.add(content);
          readable.add(item);
        } catch (ImageDecodeException e) {
          deadLetter(out, item, null, e.stage(), e.errorClass(), e.getMessage());
        } catch (IOException e) {
          deadLetter(
              out,
              item,
              null,
              Stage.READ,
              e.getClass().getSimpleName(),
              "cannot read: " + e.getMessage());
        }
      }
      List<ImageOutcome> outcomes = analyzer.analyze(bytes);
      for (int i = 0; i < outcomes.size(); i++) {
        InputItem item = readable.get(i);
        ImageOutcome outcome = outcomes.get(i);
        if (outcome instanceof ImageOutcome.Failed f) {
          // the bytes were read: their hash lets an audit join the loss to attributes by content
          deadLetter(
              out,
              item,
              ContentHash.sha256Hex(bytes.get(i)),
              f.stage(),
              f.errorClass(),
              f.message());
        } else if (outcome instanceof ImageOutcome.Analyzed a) {
          FaceLabels truth = labelsOf(item.relativePath());
          for (AnalyzedFace face : a.faces()) {
            out.output(
                rows.row(
                    item.source(),
                    item.entry(),
                    item.relativePath(),
                    a,
                    face,
                    truth,
                    new PredictionRows.LabelTally() {
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
        throw new ImageDecodeException(
            Stage.DECODE,
            "file is "
                + item.sizeBytes()
                + " bytes, over the cap of "
                + config.maxFileBytes()
                + " bytes");
      }
      try (InputStream in =
          Channels.newInputStream(
              FileSystems.open(FileSystems.matchNewResource(item.source(), false)))) {
        return CappedRead.readAll(in, config.maxFileBytes());
      }
    }

    /** The labels of an input, {@link FaceLabels#NONE} without a label source or entry. */
    private FaceLabels labelsOf(String relativePath) {
      return labels == null || relativePath == null
          ? FaceLabels.NONE
          : labels.lookup(relativePath).orElse(FaceLabels.NONE);
    }

    private void deadLetter(
        OutputReceiver<GenericRecord> out,
        InputItem item,
        String sha256,
        Stage stage,
        String errorClass,
        String message) {
      deadLetter(
          out,
          new DeadLetter(
              item.source(),
              item.entry(),
              item.relativePath(),
              sha256,
              stage,
              errorClass,
              message == null ? errorClass : message));
    }

    private void deadLetter(OutputReceiver<GenericRecord> out, DeadLetter d) {
      counters.deadLetter(d.stage());
      out.output(rows.deadLetter(deadLetterSchema, d, labelsOf(d.relativePath())));
    }

    @Teardown
    public void teardown() {
      if (predictor != null) {
        predictor.close();
      }
    }
  }
}
