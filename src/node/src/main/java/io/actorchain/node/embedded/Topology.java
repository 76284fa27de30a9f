package io.actorchain.node.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Who links to whom in an embedded network (SIMULATION.md, {@code network.topology}). */
public final class Topology {
  private Topology() {}

  public static List<TreeSet<Integer>> fullMesh(int nodes) {
    List<TreeSet<Integer>> out = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      TreeSet<Integer> peers = new TreeSet<>();
      for (int j = 0; j < nodes; j++) {
        if (j != i) {
          peers.add(j);
        }
      }
      out.add(peers);
    }
    return out;
  }

  /**
   * A connected random graph in which every node has at least {@code degree} peers: a ring for
   * connectivity, then seeded random chords until each node reaches the degree. Links are symmetric.
   */
  public static List<TreeSet<Integer>> randomRegular(int nodes, int degree, long seed) {
    if (degree < 2 || degree >= nodes) {
      return fullMesh(nodes);
    }
    List<TreeSet<Integer>> out = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      out.add(new TreeSet<>());
    }
    for (int i = 0; i < nodes; i++) {
      connect(out, i, (i + 1) % nodes);
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < nodes; i++) {
      int guard = 0;
      while (out.get(i).size() < degree && guard++ < nodes * 8) {
        int j = random.nextInt(nodes);
        if (j != i && out.get(j).size() < degree) {
          connect(out, i, j);
        }
      }
    }
    return out;
  }

  private static void connect(List<TreeSet<Integer>> g, int a, int b) {
    g.get(a).add(b);
    g.get(b).add(a);
  }
}
