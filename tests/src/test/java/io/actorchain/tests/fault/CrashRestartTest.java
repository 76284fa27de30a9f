package io.actorchain.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.core.pos.slashing.Slasher;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import io.actorchain.tests.fixture.ChainEvents;
import io.actorchain.tests.fixture.SimNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * The {@code crash} fault in an embedded network (ARCHITECTURE.md, "Faults"; SIMULATION.md): a node whose validators
 * are on duty stops mid-slot, and restarts a few slots later from its stores. It reloads its chain (nothing it had
 * finalized is lost), its validators reload their slashing-protection records, it catches up with its peers through
 * SyncActor, and finality goes on; nobody signs anything slashable.
 */
class CrashRestartTest {
  static final LinkSettings LINKS = new LinkSettings(50, 20, 0.0);
  static final int NODES = 4;
  static final int VALIDATORS = 16;
  static final int CRASHED = 2;
  static final int WATCHER = 0;

  /** An attestation duty: validator {@code name} (registry index {@code index}) attests at {@code slot}. */
  record Duty(String name, int index, long slot) {}

  private static SimNetwork fourNodes(String name) throws Exception {
    return SimNetwork.builder(name).nodes(NODES).validators(VALIDATORS, 32).link(LINKS).seed(5).pos().start();
  }

  /** v{i} sits at registry index i on node i % 4. */
  private static List<Integer> hostedBy(int node) {
    List<Integer> indices = new ArrayList<>();
    for (int v = node; v < VALIDATORS; v += NODES) {
      indices.add(v);
    }
    return indices;
  }

  private static PosCommand.PosStatus status(SimNetwork net, int node) {
    NodeGuardian.Parts parts = net.ask(net.node(node), NodeGuardian.GetParts::new);
    return net.ask(parts.chain(), PosCommand.GetPosStatus::new);
  }

  /** Up to {@code max} blocks of {@code node}'s chain ending at {@code root}, oldest first; empty if it lacks root. */
  private static List<BeaconBlock> chain(SimNetwork net, int node, Hash32 root, int max) {
    NodeGuardian.Parts parts = net.ask(net.node(node), NodeGuardian.GetParts::new);
    return net.ask(parts.chain(),
        (ActorRef<PosCommand.BeaconBlocksFound> r) -> new PosCommand.ServeBeaconBlocks(root, max, -1, r)).blocks();
  }

  /** The first attestation duty of {@code node}'s validators in {@code epoch} at or after {@code fromSlot}. */
  private static Optional<Duty> firstDuty(BeaconState state, ConsensusConfig c, int node, long epoch, long fromSlot) {
    Duty first = null;
    for (int index : hostedBy(node)) {
      Optional<Committees.Assignment> a = Committees.committeeOf(state, epoch, index, c);
      if (a.isPresent() && a.get().slot() >= fromSlot && (first == null || a.get().slot() < first.slot())) {
        first = new Duty("v" + index, index, a.get().slot());
      }
    }
    return Optional.ofNullable(first);
  }

  @Test
  void shouldRestartFromItsStoresWithoutSigningAnythingSlashableOrLosingWhatItFinalized() throws Exception {
    try (SimNetwork net = fourNodes("crash-restart")) {
      ConsensusConfig c = net.config();
      long slotMillis = c.secondsPerSlot() * 1000;
      ChainEvents seen = net.watchChain(WATCHER, EnumSet.of(ChainEvent.Kind.ATTESTATION,
          ChainEvent.Kind.LOCAL_ATTESTATION, ChainEvent.Kind.BLOCK_ATTESTATIONS, ChainEvent.Kind.BEACON_BLOCK_IMPORTED));

      Duty found = null;
      for (long epoch = 4; found == null; epoch++) {
        assertThat(epoch).as("a duty of node %d's validators late enough in an epoch", CRASHED).isLessThan(8);
        net.runToEpoch(epoch, 500);
        BeaconState head = status(net, CRASHED).headState();
        found = firstDuty(head, c, CRASHED, epoch, epoch * c.slotsPerEpoch() + 2).orElse(null);
      }
      Duty duty = found;
      long attestAt = net.slotStartMillis(duty.slot()) + slotMillis / 3;
      net.time().runUntil(attestAt - 100); // mid-slot, right before the duty
      long dutyEpoch = c.epochOf(duty.slot());
      assertThat(net.stores(CRASHED).protection().loadOrEmpty(duty.name()).lastTargetEpoch())
          .as("%s has not attested in epoch %d yet", duty.name(), dutyEpoch).isLessThan(dutyEpoch);
      PosCommand.PosStatus atCrash = status(net, CRASHED);
      assertThat(atCrash.finalized().epoch()).as("node %d finalized something before the crash", CRASHED)
          .isGreaterThanOrEqualTo(2);

      FaultReply crashed = net.crash(CRASHED);
      assertThat(crashed.accepted()).as(crashed.detail()).isTrue();
      assertThat(net.isUp(CRASHED)).isFalse();
      assertThat(net.crash(CRASHED).detail()).startsWith("node 2 is down already");
      assertThat(net.inject(new Fault.Offline("v6")).detail())
          .isEqualTo("node 2 is down (crashed); clear its crash first: offline v6 needs it running");
      net.runFor(Duration.ofMillis(3 * slotMillis));

      FaultReply restarted = net.restart(CRASHED);
      assertThat(restarted.accepted()).as(restarted.detail()).isTrue();
      assertThat(net.isUp(CRASHED)).isTrue();
      PosCommand.PosStatus reloaded = status(net, CRASHED);
      assertThat(reloaded.finalized().epoch()).as("finality reloaded from the block store")
          .isGreaterThanOrEqualTo(atCrash.finalized().epoch());
      assertThat(chain(net, CRASHED, atCrash.headRoot(), 1)).as("the head it had when it crashed").hasSize(1);
      assertThat(net.events("node_crashed")).extracting(NodeEvent::node).containsExactly(CRASHED);
      assertThat(net.events("node_restarted")).extracting(NodeEvent::node).containsExactly(CRASHED);
      assertThat(net.events("beacon_chain_reloaded")).singleElement()
          .satisfies(e -> assertThat(((Number) e.fields().get("imported")).intValue()).isPositive());

      long resumeEpoch = c.epochOf(duty.slot()) + 4;
      net.runToEpoch(resumeEpoch, 600);
      assertThat(net.runUntil(net::allOnOneHead, Duration.ofMillis(slotMillis / 4)))
          .as("node %d caught up with its peers' head", CRASHED).isTrue();
      PosCommand.PosStatus after = status(net, CRASHED);
      assertThat(after.headRoot()).isEqualTo(status(net, WATCHER).headRoot());
      assertThat(after.finalized()).isEqualTo(status(net, WATCHER).finalized());
      assertThat(after.finalized().epoch()).as("finality goes on").isGreaterThan(atCrash.finalized().epoch());
      List<Hash32> roots = chain(net, CRASHED, after.headRoot(), 64).stream().map(BeaconBlock::root).toList();
      assertThat(roots).as("its chain still holds the checkpoint it had finalized").contains(atCrash.finalized().root());

      Slasher slasher = new Slasher(c);
      List<Attestation> votes = new ArrayList<>();
      for (ChainEvents.Seen s : seen.all()) {
        if (s.event() instanceof ChainEvent.AttestationsImported a) {
          a.attestations().forEach(v -> votes.add(v.attestation()));
        } else if (s.event() instanceof ChainEvent.BlockAttestationsImported b) {
          b.attestations().forEach(a -> votes.add(a.attestation()));
        } else if (s.event() instanceof ChainEvent.BeaconBlockImported b) {
          assertThat(slasher.onHeader(new SignedBeaconBlockHeader(b.block().header(), b.block().sig())))
              .as("a second block of proposer %d at slot %d", b.block().proposerIndex(), b.block().slot()).isEmpty();
        }
      }
      for (Attestation a : votes) {
        assertThat(slasher.onAttestation(a)).as("a slashable vote of validator %d", a.validatorIndex()).isEmpty();
      }
      assertThat(slasher.offenders()).isEmpty();
      assertThat(votes).as("%s never voted for the slot it was on duty when its node crashed", duty.name())
          .noneMatch(a -> a.validatorIndex() == duty.index() && a.data().slot() == duty.slot());
      for (int index : hostedBy(CRASHED)) {
        SlashingProtectionRecord record = net.stores(CRASHED).protection().loadOrEmpty("v" + index);
        long highest = votes.stream().filter(a -> a.validatorIndex() == index)
            .mapToLong(a -> a.data().target().epoch()).max().orElse(-1);
        assertThat(highest).as("v%d voted after the restart", index).isGreaterThan(dutyEpoch);
        assertThat(record.lastTargetEpoch()).as("v%d's stored record covers every vote it made", index)
            .isEqualTo(highest);
      }
      assertThat(net.events("block_rejected")).isEmpty();
    }
  }

  @Test
  void shouldRefuseToRestartANodeThatIsUp() throws Exception {
    try (SimNetwork net = fourNodes("restart-up")) {
      net.runToEpoch(1, 0);
      assertThat(net.restart(1).detail()).isEqualTo("node 1 is not crashed: only a crashed node restarts");
      assertThat(net.crash(7).detail()).isEqualTo("unknown node 7; the nodes are 0..3");
      assertThat(net.events("fault_rejected")).hasSize(2);
    }
  }
}
