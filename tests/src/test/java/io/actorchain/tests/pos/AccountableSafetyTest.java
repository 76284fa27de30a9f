package io.actorchain.tests.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.tests.fixture.SimNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * Accountable safety (issue 4; Casper FFG's theorem), as a seeded property test through the actors: 200 runs of a
 * two-node network whose byzantine validators run on both nodes (one key, two copies, each signing what its own node
 * sees), with a random byzantine set, a random partition window between the two nodes, and sometimes an honest
 * validator offline. Then:
 * <ul>
 *   <li>with byzantine stake below 1/3, the two nodes never finalize conflicting checkpoints;
 *   <li>when they do (byzantine stake at or above 1/3, enough to give each side 2/3), the nodes' slashers, once the
 *       partition heals, name validators holding at least 1/3 of the stake.
 * </ul>
 * The partition lasts 4 or 5 epochs: long enough for a side with 2/3 to finalize a checkpoint of its own, and too short
 * for the inactivity leak (from a finality delay of 5 on) to drain the other side's stake. A much longer partition
 * lets each side's leak do that until both finalize with no one slashable: Ethereum accepts this, and the theorem,
 * which assumes a fixed validator set, does not cover it. Honest validators are split evenly between the nodes, so that
 * a third of byzantine stake or more can give both sides 2/3.
 */
class AccountableSafetyTest {
  static final int RUNS = Integer.getInteger("accountable.runs", 200);
  static final int VALIDATORS = 12;
  static final long STAKE = 32;

  /** How one run came out. */
  enum Outcome { BELOW_THIRD_NO_CONFLICT, BELOW_THIRD_CONFLICT, THIRD_OR_MORE_NO_CONFLICT, THIRD_OR_MORE_CONFLICT_NAMED,
    THIRD_OR_MORE_CONFLICT_UNNAMED }

  @Test
  void shouldNeverFinalizeConflictingCheckpointsBelowAThirdAndNameAThirdWheneverItDoes() throws Exception {
    int[] counts = new int[Outcome.values().length];
    List<String> failures = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      Outcome o = runOnce(run);
      counts[o.ordinal()]++;
      if (o == Outcome.BELOW_THIRD_CONFLICT || o == Outcome.THIRD_OR_MORE_CONFLICT_UNNAMED) {
        failures.add("run " + run + ": " + o);
      }
    }
    System.out.printf("accountable safety through the actors, %d runs: byzantine < 1/3: %d without conflicting"
            + " finality, %d with; byzantine >= 1/3: %d without conflicting finality, %d with it and the slashers"
            + " naming >= 1/3 of the stake, %d with it and not%n", RUNS,
        counts[0], counts[1], counts[2], counts[3], counts[4]);
    assertThat(failures).as("runs that broke the property").isEmpty();
    assertThat(counts[Outcome.THIRD_OR_MORE_CONFLICT_NAMED.ordinal()])
        .as("enough runs with conflicting finality for the second half of the property to mean something")
        .isGreaterThanOrEqualTo(RUNS / 10);
    assertThat(counts[Outcome.BELOW_THIRD_NO_CONFLICT.ordinal()]).as("runs below a third").isGreaterThanOrEqualTo(RUNS / 5);
  }

  private static Outcome runOnce(int run) throws Exception {
    Random random = new Random(0xACC0_0000L + run);
    int byzantineCount = random.nextInt(VALIDATORS / 2 + 1); // 0 … 6 of 12: up to half the stake
    // v is dealt to node v % 2. Half the byzantine validators (the odd one out on a random side) come from each node's
    // share, so the honest stake splits evenly: then each side of the partition can hold 2/3 with them.
    List<Integer> even = new ArrayList<>();
    List<Integer> odd = new ArrayList<>();
    for (int v = 0; v < VALIDATORS; v++) {
      (v % 2 == 0 ? even : odd).add(v);
    }
    Collections.shuffle(even, random);
    Collections.shuffle(odd, random);
    int fromEven = byzantineCount / 2 + (byzantineCount % 2 == 1 && random.nextBoolean() ? 1 : 0);
    Set<Integer> byzantine = new TreeSet<>(even.subList(0, fromEven));
    byzantine.addAll(odd.subList(0, byzantineCount - fromEven));
    List<Integer> honestValidators = new ArrayList<>();
    for (int v = 0; v < VALIDATORS; v++) {
      if (!byzantine.contains(v)) {
        honestValidators.add(v);
      }
    }
    long partitionFrom = 2 + random.nextInt(2);
    long healAt = partitionFrom + 4 + random.nextInt(2);
    long end = healAt + 3;
    String offline = null;
    if (random.nextInt(4) == 0) {
      offline = "v" + honestValidators.get(random.nextInt(honestValidators.size()));
    }

    SimNetwork.Builder b = SimNetwork.builder("accountable-" + run).nodes(2).validators(VALIDATORS, STAKE)
        .link(new LinkSettings(40, 20, 0.0)).seed(run + 1).serializeMessages(false).pos();
    for (int v : byzantine) {
      b.alsoHost(1 - v % 2, "v" + v); // v is dealt to node v % 2; its second copy runs on the other node
    }
    try (SimNetwork net = b.start()) {
      if (offline != null) {
        assertThat(net.inject(new Fault.Offline(offline)).accepted()).isTrue();
      }
      net.runToEpoch(partitionFrom, 1);
      net.partition(List.of(Set.of(0), Set.of(1)));
      net.runToEpoch(healAt, 1);
      net.heal();
      net.runToEpoch(end, 1);

      boolean conflicting = conflicting(net);
      boolean thirdOrMore = byzantineCount * 3 >= VALIDATORS;
      if (!thirdOrMore) {
        return conflicting ? Outcome.BELOW_THIRD_CONFLICT : Outcome.BELOW_THIRD_NO_CONFLICT;
      }
      if (!conflicting) {
        return Outcome.THIRD_OR_MORE_NO_CONFLICT;
      }
      Set<Integer> named = new TreeSet<>();
      for (NodeEvent e : net.events("evidence_found")) {
        named.add(((Number) e.fields().get("index")).intValue());
      }
      assertThat(byzantine).as("run %d: the slashers name only byzantine validators", run).containsAll(named);
      return named.size() * 3 >= VALIDATORS ? Outcome.THIRD_OR_MORE_CONFLICT_NAMED
          : Outcome.THIRD_OR_MORE_CONFLICT_UNNAMED;
    }
  }

  /**
   * Whether the two nodes finalized conflicting checkpoints: the later of their last finalized checkpoints does not
   * have the earlier one in its chain.
   */
  private static boolean conflicting(SimNetwork net) {
    Checkpoint f0 = lastFinalized(net, 0);
    Checkpoint f1 = lastFinalized(net, 1);
    Checkpoint earlier = f0.epoch() <= f1.epoch() ? f0 : f1;
    int laterNode = f0.epoch() <= f1.epoch() ? 1 : 0;
    Checkpoint later = laterNode == 1 ? f1 : f0;
    if (earlier.epoch() == 0 || earlier.equals(later)) {
      return false; // the genesis checkpoint is in every chain
    }
    List<Hash32> ancestry = chain(net, laterNode, later.root()).stream().map(BeaconBlock::root).toList();
    assertThat(ancestry).as("node %d holds its finalized block", laterNode).contains(later.root());
    return !ancestry.contains(earlier.root());
  }

  private static Checkpoint lastFinalized(SimNetwork net, int node) {
    List<EpochTransition> ts = net.transitions(node);
    assertThat(ts).as("transitions of node %d", node).isNotEmpty();
    return ts.get(ts.size() - 1).finalized();
  }

  private static List<BeaconBlock> chain(SimNetwork net, int node, Hash32 root) {
    NodeGuardian.Parts parts = net.ask(net.node(node), NodeGuardian.GetParts::new);
    return net.ask(parts.chain(),
        (ActorRef<PosCommand.BeaconBlocksFound> r) -> new PosCommand.ServeBeaconBlocks(root, 1024, -1, r)).blocks();
  }
}
