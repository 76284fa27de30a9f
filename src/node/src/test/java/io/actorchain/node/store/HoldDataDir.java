package io.actorchain.node.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A second process for {@link NodeStoresTest}: opens the data dir named by its argument, prints {@code open}, and holds
 * it until its standard input ends.
 */
public final class HoldDataDir {
  private HoldDataDir() {}

  public static void main(String[] args) throws IOException {
    try (NodeStores stores = NodeStores.open(Path.of(args[0]))) {
      System.out.println("open " + stores.dataDir().orElseThrow());
      System.out.flush();
      while (System.in.read() != -1) {
        // hold the data dir until the test closes our stdin
      }
    }
  }
}
