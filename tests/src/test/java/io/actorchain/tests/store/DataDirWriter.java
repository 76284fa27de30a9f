package io.actorchain.tests.store;

import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.store.NodeStores;
import io.actorchain.tests.fixture.SimNetwork;
import java.nio.file.Path;

/**
 * The process that {@link NodeDataDirTest} kills: one proof-of-stake node with its stores in the data dir named by its
 * first argument runs (in virtual time) to the epoch named by the second, prints what it has (its head, its finalized
 * checkpoint, the virtual time, each validator's slashing-protection record), and then waits for its standard input to
 * end, its stores open, until it is killed. It never closes them: whatever survives is what {@code kill -9} leaves.
 */
public final class DataDirWriter {
  static final int VALIDATORS = 8;

  private DataDirWriter() {}

  static SimNetwork.Builder network() {
    return SimNetwork.builder("data-dir-writer").nodes(1).validators(VALIDATORS, 32).seed(9).pos();
  }

  public static void main(String[] args) throws Exception {
    try {
      write(Path.of(args[0]), Long.parseLong(args[1]));
    } catch (Exception | AssertionError e) {
      System.out.println("failed " + e); // the actor system's threads would otherwise keep this process alive
      System.out.flush();
      System.exit(1);
    }
    while (System.in.read() != -1) {
      // hold the stores open until killed
    }
  }

  private static void write(Path dataDir, long epochs) throws Exception {
    NodeStores stores = NodeStores.open(dataDir);
    SimNetwork net = network().stores(0, stores).start();
    net.runToEpoch(epochs, 600);
    NodeGuardian.Parts parts = net.ask(net.node(0), NodeGuardian.GetParts::new);
    PosCommand.PosStatus s = net.ask(parts.chain(), PosCommand.GetPosStatus::new);
    StringBuilder line = new StringBuilder("have head=").append(s.headRoot().toHex()).append(" slot=")
        .append(s.headSlot()).append(" finalized=").append(s.finalized().epoch()).append(':')
        .append(s.finalized().root().toHex()).append(" now=").append(net.now());
    for (int v = 0; v < VALIDATORS; v++) {
      SlashingProtectionRecord r = stores.protection().loadOrEmpty("v" + v);
      line.append(" v").append(v).append('=').append(r.lastSignedBlockSlot()).append(',').append(r.lastSourceEpoch())
          .append(',').append(r.lastTargetEpoch());
    }
    System.out.println(line);
    System.out.flush();
  }
}
