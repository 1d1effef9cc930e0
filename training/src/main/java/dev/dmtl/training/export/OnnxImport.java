package dev.dmtl.training.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.model.OrtEnvironments;
import dev.dmtl.training.IncompatibleWeightsException;
import dev.dmtl.training.net.ConvBnAct;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.MbConvBlock;
import dev.dmtl.training.net.TaskBranch;
import dev.dmtl.training.net.TaskHeads;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a model written by {@link OnnxExporter} back into a {@link DmtlNetwork}, so that training
 * can continue from a shipped model whose checkpoint is gone.
 *
 * <p>The export folded every BatchNorm into its convolution ({@code W' = W·γ/√(σ²+ε)}, {@code b' =
 * β − μ·γ/√(σ²+ε)}). The fold cannot be undone, but any (μ, σ²) with {@code γ = √(σ²+ε)}, {@code β
 * = b' + μ} and weights W' reproduces the model in inference mode. Choosing μ and σ² as the
 * per-channel statistics of {@code W'x} on calibration images also makes training-mode BatchNorm,
 * which normalises with the statistics of the batch, start where the model is instead of with a
 * jolt. The statistics come from ONNX Runtime running the model itself with every folded
 * convolution exposed as an extra output.
 *
 * <p>The walk over the network is the exporter's (stem, trunk blocks, then per task: its blocks,
 * head convolution, linear layer), and the exporter emits one Conv or Gemm node per layer in that
 * order, so the nodes are consumed in graph order and every weight shape is checked.
 */
public final class OnnxImport {

  /**
   * @param layers convolutions and linear layers loaded
   * @param batchNorms BatchNorm layers restored from calibration statistics
   * @param calibrationImages images the statistics were measured on
   * @param logVariance the model's learned log-variances, now the network's
   */
  public record Result(
      int layers, int batchNorms, int calibrationImages, Map<String, Double> logVariance) {}

  /** Calibration runs in chunks so that all exposed activations of one chunk fit in memory. */
  private static final int CHUNK = 16;

  private final Path file;
  private final OnnxMl.ModelProto model;
  private final Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
  private final List<OnnxMl.NodeProto> layers = new ArrayList<>();
  private int cursor;

  /**
   * A convolution the export folded its BatchNorm into: the folded bias b′ and the BatchNorm to
   * restore.
   */
  private record Folded(float[] bias, BatchNorm bn) {}

  /** Output name of each folded convolution in the graph → what the calibration pass restores. */
  private final Map<String, Folded> folded = new LinkedHashMap<>();

  private OnnxImport(Path file, OnnxMl.ModelProto model) {
    this.file = file;
    this.model = model;
    for (OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
      initializers.put(t.getName(), t);
    }
    for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
      if (node.getOpType().equals("Conv") || node.getOpType().equals("Gemm")) {
        layers.add(node);
      }
    }
  }

  /**
   * Checks, without loading anything, that {@code file} is a contract-valid model that dmtl's
   * exporter wrote: what {@link #load} needs before any image is decoded.
   *
   * @throws IncompatibleWeightsException naming the file and the problem
   */
  public static void check(Path file) throws IOException {
    check(file, Files.readAllBytes(file));
  }

  private static ModelContract check(Path file, byte[] bytes) throws IOException {
    ModelContract contract;
    try {
      // the same validation every model passes before inference; the weights are read by load
      contract = ModelContractReader.read(file.toString(), bytes).contract();
    } catch (ContractViolationException e) {
      throw new IncompatibleWeightsException(e.getMessage(), e);
    }
    String producer = OnnxMl.ModelProto.parseFrom(bytes).getProducerName();
    if (!OnnxExporter.PRODUCER.equals(producer)) {
      throw new IncompatibleWeightsException(
          file
              + ": "
              + (producer.isEmpty() ? "no producer named" : "written by '" + producer + "'")
              + ", not by "
              + OnnxExporter.PRODUCER
              + "; only models exported by dmtl can start a training run");
    }
    if (contract.tasks().stream().anyMatch(TaskSpec::needsVersion2)
        || contract.input().needsVersion2()) {
      // a spec described this file's layout (dmtl contract); the network has dmtl's own heads only
      throw new IncompatibleWeightsException(
          file
              + ": declares a contract version 2 layout (slices, regression / distribution /"
              + " binned tasks, label maps, BGR or NHWC input); only dmtl's own layout can start a"
              + " training run");
    }
    return contract;
  }

  /**
   * Loads {@code file} into {@code net} (initialised, of the same shape as the exported network;
   * the input size may differ, the network is fully convolutional).
   *
   * @param calibration normalised NCHW images at the network's input size, {@code n} of them
   * @throws IOException when the file is not a dmtl model or does not fit the network
   */
  public static Result load(Path file, DmtlNetwork net, float[] calibration, int n)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ModelContract contract = check(file, bytes);
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(bytes);
    OnnxImport importer = new OnnxImport(file, model);
    importer.walk(net);
    Map<String, Double> logVariance = importer.logVariance(net, contract);
    importer.calibrate(net, calibration, n);
    return new Result(importer.cursor, importer.folded.size(), n, logVariance);
  }

  private void walk(DmtlNetwork net) throws IOException {
    convBn(net.stem());
    for (MbConvBlock block : net.trunk()) {
      mbConv(block);
    }
    for (TaskBranch branch : net.branches()) {
      for (MbConvBlock block : branch.blocks()) {
        mbConv(block);
      }
      convBn(branch.head());
      OnnxMl.NodeProto gemm = next("Gemm");
      copy(branch.linear(), "weight", gemm.getInput(1));
      copy(branch.linear(), "bias", gemm.getInput(2));
    }
    if (cursor != layers.size()) {
      throw new IncompatibleWeightsException(
          file
              + ": the model has "
              + layers.size()
              + " convolution and linear layers, the network "
              + cursor
              + "; train with the model's network configuration");
    }
  }

  private void mbConv(MbConvBlock block) throws IOException {
    if (block.hasExpansion()) {
      folded(block.expand(), block.expandBn());
    }
    folded(block.depthwise(), block.depthwiseBn());
    OnnxMl.NodeProto reduce = next("Conv");
    copy(block.seReduce(), "weight", reduce.getInput(1));
    copy(block.seReduce(), "bias", reduce.getInput(2));
    OnnxMl.NodeProto expand = next("Conv");
    copy(block.seExpand(), "weight", expand.getInput(1));
    copy(block.seExpand(), "bias", expand.getInput(2));
    folded(block.project(), block.projectBn());
  }

  private void convBn(ConvBnAct block) throws IOException {
    folded(block.conv(), block.bn());
  }

  private void folded(Conv2d conv, BatchNorm bn) throws IOException {
    OnnxMl.NodeProto node = next("Conv");
    copy(conv, "weight", node.getInput(1));
    folded.put(node.getOutput(0), new Folded(floats(node.getInput(2)), bn));
  }

  private OnnxMl.NodeProto next(String op) throws IOException {
    if (cursor >= layers.size()) {
      throw new IncompatibleWeightsException(
          file
              + ": the model has fewer layers than the network ("
              + layers.size()
              + "); train with the model's network configuration");
    }
    OnnxMl.NodeProto node = layers.get(cursor++);
    if (!node.getOpType().equals(op)) {
      throw new IncompatibleWeightsException(
          file
              + ": layer "
              + cursor
              + " is "
              + node.getOpType()
              + " where the network has "
              + op
              + "; train with the model's network configuration");
    }
    return node;
  }

  private void copy(Block block, String parameter, String initializer) throws IOException {
    NDArray target = parameter(block, parameter);
    OnnxMl.TensorProto t = tensor(initializer);
    long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    if (!Arrays.equals(dims, target.getShape().getShape())) {
      throw new IncompatibleWeightsException(
          file
              + ": weight "
              + initializer
              + " is "
              + Arrays.toString(dims)
              + ", the network's "
              + parameter
              + " is "
              + target.getShape()
              + "; train with the model's network configuration");
    }
    target.set(floats(initializer));
  }

  private Map<String, Double> logVariance(DmtlNetwork net, ModelContract contract)
      throws IOException {
    List<TaskHeads.Head> tasks = net.heads().tasks();
    float[] s = new float[tasks.size()];
    Map<String, Double> values = new LinkedHashMap<>();
    for (int t = 0; t < s.length; t++) {
      Double v = contract.logVariance().get(tasks.get(t).name());
      if (v == null) {
        throw new IncompatibleWeightsException(
            file + ": " + ContractMetadata.KEY_LOG_VARIANCE + " lacks task " + tasks.get(t).name());
      }
      s[t] = v.floatValue();
      values.put(tasks.get(t).name(), v);
    }
    net.uncertainty().logVariance().getArray().set(s);
    return values;
  }

  /**
   * Runs the model on the calibration images and sets every folded BatchNorm from the statistics.
   */
  private void calibrate(DmtlNetwork net, float[] images, int n) throws IOException {
    int size = net.config().inputSize();
    int plane = 3 * size * size;
    if (n < 2 || images.length < n * plane) {
      throw new IllegalArgumentException(
          "need at least 2 calibration images of 3x" + size + "x" + size);
    }
    Map<String, ChannelMoments> moments = new HashMap<>();
    OrtEnvironment env = OrtEnvironments.shared();
    try (OrtSession session =
        env.createSession(exposed().toByteArray(), new OrtSession.SessionOptions())) {
      String input = session.getInputNames().iterator().next();
      for (int start = 0; start < n; start += CHUNK) {
        int m = Math.min(CHUNK, n - start);
        FloatBuffer chunk = FloatBuffer.wrap(images, start * plane, m * plane).slice();
        try (OnnxTensor x = OnnxTensor.createTensor(env, chunk, new long[] {m, 3, size, size});
            OrtSession.Result result = session.run(Map.of(input, x), folded.keySet())) {
          for (String name : folded.keySet()) {
            OnnxTensor out = (OnnxTensor) result.get(name).orElseThrow();
            long[] shape = out.getInfo().getShape();
            moments
                .computeIfAbsent(name, k -> new ChannelMoments((int) shape[1]))
                .add(out.getFloatBuffer(), shape, folded.get(name).bias());
          }
        }
      }
    } catch (OrtException e) {
      throw new IOException(
          file + ": ONNX Runtime could not run the model for calibration: " + e.getMessage(), e);
    }
    for (Map.Entry<String, Folded> e : folded.entrySet()) {
      ChannelMoments mo = moments.get(e.getKey());
      float[] bias = e.getValue().bias();
      int channels = bias.length;
      float[] mean = new float[channels];
      float[] var = new float[channels];
      float[] gamma = new float[channels];
      float[] beta = new float[channels];
      for (int c = 0; c < channels; c++) {
        mean[c] = (float) mo.mean(c);
        var[c] = (float) mo.variance(c);
        gamma[c] = (float) Math.sqrt(var[c] + (double) DmtlNetwork.BN_EPSILON);
        beta[c] = bias[c] + mean[c];
      }
      BatchNorm bn = e.getValue().bn();
      parameter(bn, "runningMean").set(mean);
      parameter(bn, "runningVar").set(var);
      parameter(bn, "gamma").set(gamma);
      parameter(bn, "beta").set(beta);
    }
  }

  /**
   * The model with every folded convolution's output also a graph output, and the image height and
   * width symbolic so that calibration can run at the new network's input size.
   */
  private OnnxMl.ModelProto exposed() {
    OnnxMl.ModelProto.Builder b = model.toBuilder();
    OnnxMl.GraphProto.Builder g = b.getGraphBuilder();
    OnnxMl.TensorShapeProto.Builder shape =
        g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
    shape.getDimBuilder(2).clear().setDimParam("height");
    shape.getDimBuilder(3).clear().setDimParam("width");
    // the declared outputs' sizes follow from the input size, which calibration changes (the
    // feature maps of dmtl.explain have a fixed h and w)
    for (OnnxMl.ValueInfoProto.Builder out : g.getOutputBuilderList()) {
      out.getTypeBuilder().getTensorTypeBuilder().clearShape();
    }
    for (String name : folded.keySet()) {
      g.addOutput(
          OnnxMl.ValueInfoProto.newBuilder()
              .setName(name)
              .setType(
                  OnnxMl.TypeProto.newBuilder()
                      .setTensorType(
                          OnnxMl.TypeProto.Tensor.newBuilder()
                              .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()))));
    }
    return b.build();
  }

  /**
   * Per-channel sums of the pre-BatchNorm activation {@code W'x = conv output − b'} over N, H and
   * W.
   */
  private static final class ChannelMoments {
    private final double[] sum;
    private final double[] squares;
    private long perChannel;

    ChannelMoments(int channels) {
      sum = new double[channels];
      squares = new double[channels];
    }

    void add(FloatBuffer values, long[] shape, float[] bias) {
      int batch = (int) shape[0];
      int channels = (int) shape[1];
      int spatial = (int) (shape[2] * shape[3]);
      for (int i = 0; i < batch; i++) {
        for (int c = 0; c < channels; c++) {
          int base = (i * channels + c) * spatial;
          double s = 0;
          double q = 0;
          for (int k = 0; k < spatial; k++) {
            double z = values.get(base + k) - bias[c];
            s += z;
            q += z * z;
          }
          sum[c] += s;
          squares[c] += q;
        }
      }
      perChannel += (long) batch * spatial;
    }

    double mean(int c) {
      return sum[c] / perChannel;
    }

    double variance(int c) {
      double m = mean(c);
      return Math.max(0, squares[c] / perChannel - m * m);
    }
  }

  private OnnxMl.TensorProto tensor(String name) throws IOException {
    OnnxMl.TensorProto t = initializers.get(name);
    if (t == null || t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
      throw new IncompatibleWeightsException(file + ": " + name + " is not a float32 initializer");
    }
    return t;
  }

  private float[] floats(String name) throws IOException {
    OnnxMl.TensorProto t = tensor(name);
    if (!t.getRawData().isEmpty()) {
      FloatBuffer raw =
          t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      float[] out = new float[raw.remaining()];
      raw.get(out);
      return out;
    }
    float[] out = new float[t.getFloatDataCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.getFloatData(i);
    }
    return out;
  }

  private static NDArray parameter(Block block, String name) {
    Parameter p = block.getParameters().get(name);
    if (p == null) {
      throw new IllegalStateException(
          "block has no parameter '" + name + "' (has " + block.getParameters().keys() + ")");
    }
    return p.getArray();
  }
}
