package dev.dmtl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.dmtl.contract.decode.NominalPrediction;
import dev.dmtl.contract.decode.OrdinalPrediction;
import dev.dmtl.contract.decode.OutputDecoder;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.data.FaceSample;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.TaskHeads;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch validation of the in-training network, decoding outputs with the same {@link
 * OutputDecoder} the pipeline uses. Held-out numbers with confidence intervals for the model card
 * come from {@code dmtl evaluate} on the exported ONNX model instead.
 */
final class Validation {

  private static final int BATCH = 64;

  private Validation() {}

  static EpochRecord.ValidationMetrics run(
      DmtlNetwork net,
      ParameterStore ps,
      NDManager manager,
      FaceCache cache,
      BatchBuilder builder,
      int limit) {
    int n = limit > 0 ? Math.min(limit, cache.count()) : cache.count();
    TaskHeads heads = net.heads();
    int ageT = heads.index("age");
    int genderT = heads.index("gender");
    int raceT = heads.index("race");
    TaskSpec ageSpec = heads.tasks().get(ageT).spec();
    boolean softmaxAge = heads.tasks().get(ageT).softmaxAge();
    double absErr = 0;
    double absErrExpected = 0;
    int decadeHits = 0;
    int genderHits = 0;
    int genderN = 0;
    int raceHits = 0;
    int raceN = 0;
    int[] csHits = new int[11];
    int size = cache.size();
    float[] buffer = new float[BATCH * 3 * size * size];
    for (int start = 0; start < n; start += BATCH) {
      int b = Math.min(BATCH, n - start);
      for (int i = 0; i < b; i++) {
        builder.fill(buffer, i, start + i, null);
      }
      try (NDScope scope = new NDScope()) {
        NDArray x =
            manager.create(
                java.nio.FloatBuffer.wrap(buffer, 0, b * 3 * size * size), net.inputShape(b));
        NDList out = net.forward(ps, new NDList(x), false);
        float[] age = out.get(ageT).toFloatArray();
        float[] gender = out.get(genderT).toFloatArray();
        float[] race = out.get(raceT).toFloatArray();
        int aw = (int) out.get(ageT).getShape().get(1);
        for (int i = 0; i < b; i++) {
          FaceSample s = cache.sample(start + i);
          float[] a = java.util.Arrays.copyOfRange(age, i * aw, (i + 1) * aw);
          double predicted;
          double expected;
          if (softmaxAge) {
            float[] p = OutputDecoder.softmax(a);
            int best = 0;
            expected = 0;
            for (int k = 0; k < p.length; k++) {
              expected += p[k] * ageSpec.ranks().get(k);
              if (p[k] > p[best]) {
                best = k;
              }
            }
            predicted = ageSpec.ranks().get(best);
          } else {
            OrdinalPrediction o = OutputDecoder.decodeOrdinal(ageSpec, a);
            predicted = o.predictedRank();
            expected = o.expectedRank();
          }
          double err = Math.abs(predicted - s.age());
          absErr += err;
          absErrExpected += Math.abs(expected - s.age());
          if (Math.min((int) predicted / 10, 10) == Math.min(s.age() / 10, 10)) {
            decadeHits++;
          }
          for (int k = 0; k < csHits.length; k++) {
            if (err <= k) {
              csHits[k]++;
            }
          }
          if (s.gender() >= 0) {
            genderN++;
            NominalPrediction g =
                OutputDecoder.decodeNominal(
                    heads.tasks().get(genderT).spec(),
                    java.util.Arrays.copyOfRange(gender, i * 2, i * 2 + 2));
            genderHits += g.index() == s.gender() ? 1 : 0;
          }
          if (s.race() >= 0) {
            raceN++;
            NominalPrediction r =
                OutputDecoder.decodeNominal(
                    heads.tasks().get(raceT).spec(),
                    java.util.Arrays.copyOfRange(race, i * 5, i * 5 + 5));
            raceHits += r.index() == s.race() ? 1 : 0;
          }
        }
      }
    }
    List<Double> cs = new ArrayList<>();
    for (int hits : csHits) {
      cs.add((double) hits / n);
    }
    return new EpochRecord.ValidationMetrics(
        n,
        absErr / n,
        absErrExpected / n,
        (double) decadeHits / n,
        genderN == 0 ? Double.NaN : (double) genderHits / genderN,
        raceN == 0 ? Double.NaN : (double) raceHits / raceN,
        cs);
  }
}
