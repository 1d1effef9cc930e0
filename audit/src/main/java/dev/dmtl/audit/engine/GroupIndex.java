package dev.dmtl.audit.engine;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import java.util.ArrayList;
import java.util.List;

/**
 * The groupings (overall, single attributes, intersections up to a maximum order) and their groups,
 * and which groups each cell belongs to. A cell is one combination of attribute codes where each
 * attribute may also be unknown; every group is a union of cells, so statistics are added per cell
 * once and then summed into groups.
 */
public final class GroupIndex {

  private final List<String> attributeNames;
  private final List<List<String>> attributeValues;
  private final int[] radix;
  private final int cells;
  private final List<Grouping> groupings = new ArrayList<>();
  private final List<GroupKey> groups = new ArrayList<>();
  private final List<Integer> groupingOfGroup = new ArrayList<>();
  private final List<int[]> groupsOfGrouping = new ArrayList<>();
  private final List<int[]> subsetOfGrouping = new ArrayList<>();
  private final List<int[]> codesOfGroup = new ArrayList<>();
  private final int[][] groupsOfCell;

  public GroupIndex(
      List<String> attributeNames, List<List<String>> attributeValues, int maxIntersection) {
    if (attributeNames.size() != attributeValues.size()) {
      throw new IllegalArgumentException("attribute names and values differ in length");
    }
    this.attributeNames = List.copyOf(attributeNames);
    this.attributeValues = attributeValues.stream().map(List::copyOf).toList();
    int a = attributeNames.size();
    radix = new int[a];
    long c = 1;
    for (int i = 0; i < a; i++) {
      radix[i] = (int) c;
      c *= attributeValues.get(i).size() + 1L; // +1: unknown
      if (c > 10_000_000) {
        throw new IllegalArgumentException(
            "too many attribute combinations (" + c + "): use fewer attributes or coarser bins");
      }
    }
    cells = (int) c;
    List<int[]> subsets = new ArrayList<>();
    subsets.add(new int[0]);
    for (int order = 1; order <= Math.min(maxIntersection, a); order++) {
      combinations(a, order, 0, new int[order], 0, subsets);
    }
    for (int[] subset : subsets) {
      List<String> names = new ArrayList<>();
      for (int s : subset) {
        names.add(attributeNames.get(s));
      }
      Grouping grouping = new Grouping(names);
      int groupingIndex = groupings.size();
      groupings.add(grouping);
      subsetOfGrouping.add(subset);
      int first = groups.size();
      addGroups(grouping, subset, 0, new ArrayList<>(), new int[subset.length], groupingIndex);
      int[] members = new int[groups.size() - first];
      for (int i = 0; i < members.length; i++) {
        members[i] = first + i;
      }
      groupsOfGrouping.add(members);
    }
    groupsOfCell = new int[cells][];
    int[] codes = new int[a];
    for (int cell = 0; cell < cells; cell++) {
      int rest = cell;
      for (int i = a - 1; i >= 0; i--) {
        codes[i] = rest / radix[i] - 1;
        rest %= radix[i];
      }
      List<Integer> member = new ArrayList<>();
      for (int g = 0; g < groupings.size(); g++) {
        int[] subset = subsetOfGrouping.get(g);
        int index = 0;
        boolean known = true;
        for (int s : subset) {
          if (codes[s] < 0) {
            known = false;
            break;
          }
          index = index * attributeValues.get(s).size() + codes[s];
        }
        if (known) {
          member.add(groupsOfGrouping.get(g)[index]);
        }
      }
      groupsOfCell[cell] = member.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static void combinations(
      int n, int k, int start, int[] current, int depth, List<int[]> out) {
    if (depth == k) {
      out.add(current.clone());
      return;
    }
    for (int i = start; i < n; i++) {
      current[depth] = i;
      combinations(n, k, i + 1, current, depth + 1, out);
    }
  }

  private void addGroups(
      Grouping grouping,
      int[] subset,
      int depth,
      List<String> values,
      int[] codes,
      int groupingIndex) {
    if (depth == subset.length) {
      groups.add(new GroupKey(grouping, values));
      groupingOfGroup.add(groupingIndex);
      codesOfGroup.add(codes.clone());
      return;
    }
    List<String> choices = attributeValues.get(subset[depth]);
    for (int c = 0; c < choices.size(); c++) {
      values.add(choices.get(c));
      codes[depth] = c;
      addGroups(grouping, subset, depth + 1, values, codes, groupingIndex);
      values.remove(values.size() - 1);
    }
  }

  /** The cell of every row, from per-attribute codes (-1 = unknown). */
  public int[] cellsOf(int[][] codes, int n) {
    int[] cellOf = new int[n];
    for (int a = 0; a < codes.length; a++) {
      int values = attributeValues.get(a).size();
      int[] col = codes[a];
      for (int i = 0; i < n; i++) {
        int code = col[i];
        if (code < -1 || code >= values) {
          throw new IllegalArgumentException(
              "attribute " + attributeNames.get(a) + " code " + code + " at row " + i);
        }
        cellOf[i] += (code + 1) * radix[a];
      }
    }
    return cellOf;
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  public List<List<String>> attributeValues() {
    return attributeValues;
  }

  public int cells() {
    return cells;
  }

  public List<Grouping> groupings() {
    return groupings;
  }

  public List<GroupKey> groups() {
    return groups;
  }

  public int groupCount() {
    return groups.size();
  }

  /** Index into {@link #groupings()} of a group. */
  public int groupingOf(int group) {
    return groupingOfGroup.get(group);
  }

  /** Group indices of a grouping, in order. */
  public int[] groupsOf(int grouping) {
    return groupsOfGrouping.get(grouping);
  }

  /** The attributes (indices into {@link #attributeNames()}) of a grouping, ascending. */
  public int[] subset(int grouping) {
    return subsetOfGrouping.get(grouping).clone();
  }

  /** The value index of each of a group's attributes, in its grouping's attribute order. */
  int[] codesOf(int group) {
    return codesOfGroup.get(group);
  }

  /** Group indices a cell adds into (the overall group 0 first); do not modify. */
  public int[] groupsOfCell(int cell) {
    return groupsOfCell[cell];
  }
}
