package dev.dmtl.audit.engine;

import java.util.ArrayList;
import java.util.List;

/** Builds engine rows by hand for tests: attribute codes plus nominal and ordinal task values. */
final class Rows {

  final List<int[]> codes = new ArrayList<>();
  final List<int[]> nominal = new ArrayList<>(); // {truth, predicted}
  final List<double[]> ordinal = new ArrayList<>(); // {trueBin, predBin, error}

  /** Adds {@code count} rows. */
  Rows add(
      int count,
      int[] attributeCodes,
      int truth,
      int predicted,
      int trueBin,
      int predBin,
      double error) {
    for (int i = 0; i < count; i++) {
      codes.add(attributeCodes);
      nominal.add(new int[] {truth, predicted});
      ordinal.add(new double[] {trueBin, predBin, error});
    }
    return this;
  }

  int n() {
    return codes.size();
  }

  int[][] codeArrays(int attributes) {
    int[][] out = new int[attributes][n()];
    for (int i = 0; i < n(); i++) {
      for (int a = 0; a < attributes; a++) {
        out[a][i] = codes.get(i)[a];
      }
    }
    return out;
  }

  NominalBlock nominal(String task, List<String> labels) {
    int[] t = new int[n()];
    int[] p = new int[n()];
    for (int i = 0; i < n(); i++) {
      t[i] = nominal.get(i)[0];
      p[i] = nominal.get(i)[1];
    }
    return new NominalBlock(task, labels, t, p);
  }

  OrdinalBlock ordinal(String task, List<String> bins) {
    int[] tb = new int[n()];
    int[] pb = new int[n()];
    double[] e = new double[n()];
    for (int i = 0; i < n(); i++) {
      tb[i] = (int) ordinal.get(i)[0];
      pb[i] = (int) ordinal.get(i)[1];
      e[i] = ordinal.get(i)[2];
    }
    return new OrdinalBlock(task, bins, tb, pb, e);
  }
}
