package io.actorchain.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.misc.Proposers;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.slashing.SlashingRules;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * Validator faults swapped into a ValidatorActor of a live network in virtual time (ARCHITECTURE.md, "Faults"): each
 * changes what peers see from that validator, and clearing it brings the honest behaviour back. Slashing itself is the
 * slasher's business; these tests check that the slashable messages exist and reach the peers.
 */
class ValidatorFaultsTest {
  static final LinkSettings LINKS = new LinkSettings(50, 20, 0.0);
  /** Validators v0..v15 round-robin over four nodes: v{i} is on node i % 4. */
  static final int VALIDATORS = 16;
  static final int PEER = 0;

  private static SimNetwork fourNodes(String name) throws Exception {
    return SimNetwork.builder(name).nodes(4).validators(VALIDATORS, 32).link(LINKS).seed(3).pos().start();
  }

  private static AttestationData dataOf(ChainEvents.Vote v) {
    return v.vote().attestation().data();
  }

  @Test
  void shouldShowPeersTwoConflictingSignedVotesForOneTargetWhenDoubleVoting() throws Exception {
    try (SimNetwork net = fourNodes("double-vote")) {
      ChainEvents seen = net.watchChain(PEER, EnumSet.of(ChainEvent.Kind.ATTESTATION));
      net.runToEpoch(2, 0);
      assertThat(net.inject(new Fault.DoubleVote("v5")).accepted()).isTrue();
      net.runToEpoch(4, 0);

      Map<Long, List<AttestationData>> byTarget = seen.attestationsOf(5).stream().map(ValidatorFaultsTest::dataOf)
          .collect(Collectors.groupingBy(d -> d.target().epoch(), TreeMap::new, Collectors.toList()));
      assertThat(byTarget.get(1L)).as("one honest vote before the fault").hasSize(1);
      for (long epoch = 2; epoch <= 3; epoch++) {
        List<AttestationData> votes = byTarget.get(epoch);
        assertThat(votes).as("node %d imported both signed votes of v5 for target epoch %d", PEER, epoch).hasSize(2);
        assertThat(votes.get(0).root()).isNotEqualTo(votes.get(1).root());
        assertThat(SlashingRules.isSlashableEitherOrder(votes.get(0), votes.get(1))).as("a double vote").isTrue();
      }
      List<NodeEvent> signed = net.events("attestation").stream().filter(e -> "v5".equals(e.fields().get("validator")))
          .toList();
      assertThat(signed).hasSize(4).allSatisfy(e -> assertThat(e.fields()).containsEntry("fault", "double-vote"));
      assertThat(signed).extracting(e -> e.fields().get("slashingProtection")).containsOnly("passed", "bypassed");
    }
  }

  @Test
  void shouldSendPeersAVoteThatSurroundsAnEarlierOneWhenSurroundVoting() throws Exception {
    try (SimNetwork net = fourNodes("surround-vote")) {
      ChainEvents seen = net.watchChain(PEER, EnumSet.of(ChainEvent.Kind.ATTESTATION));
      net.runToEpoch(4, 0);
      assertThat(net.inject(new Fault.SurroundVote("v6")).accepted()).isTrue();
      net.runToEpoch(6, 0);

      List<AttestationData> honest = seen.attestationsOf(6).stream().map(ValidatorFaultsTest::dataOf).toList();
      assertThat(honest).as("v6's honest votes of epochs 0..3").hasSize(4);
      List<NodeEvent> surround = net.events("attestation").stream()
          .filter(e -> "v6".equals(e.fields().get("validator"))).toList();
      assertThat(surround).as("one surround vote per duty in epochs 4 and 5").hasSize(2)
          .allSatisfy(e -> assertThat(e.fields()).containsEntry("fault", "surround-vote"));
      for (NodeEvent e : surround) {
        long source = ((Number) e.fields().get("source")).longValue();
        long target = ((Number) e.fields().get("target")).longValue();
        assertThat(honest).as("the vote (%d, %d) surrounds, or sits inside, an honest vote of v6", source, target)
            .anyMatch(h -> (source < h.source().epoch() && h.target().epoch() < target)
                || (h.source().epoch() < source && target < h.target().epoch()));
      }
      List<NodeEvent> refusedAtPeer = net.events("attestation_rejected").stream()
          .filter(e -> e.node() == PEER && ((Number) e.fields().get("validator")).intValue() == 6).toList();
      assertThat(refusedAtPeer).as("the surround votes reached node %d, which refused them", PEER).hasSize(2)
          .allSatisfy(e -> assertThat(e.fields()).containsEntry("reason", "WRONG_SOURCE"));
    }
  }

  @Test
  void shouldStopAttestingWhileOfflineAndAttestAgainOnceCleared() throws Exception {
    try (SimNetwork net = fourNodes("offline")) {
      ChainEvents seen = net.watchChain(PEER, EnumSet.of(ChainEvent.Kind.ATTESTATION));
      net.runToEpoch(2, 0);
      assertThat(net.inject(new Fault.Offline("v1")).accepted()).isTrue();
      net.runToEpoch(5, 0);
      assertThat(net.clear(new Fault.Offline("v1")).accepted()).isTrue();
      net.runToEpoch(7, 0);

      List<Long> targets = seen.attestationsOf(1).stream().map(v -> dataOf(v).target().epoch()).toList();
      assertThat(targets).as("v1 votes in epochs 0-1, is silent in 2-4, votes again in 5-6")
          .containsExactly(0L, 1L, 5L, 6L);
      assertThat(net.events("duty_skipped")).hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(e -> assertThat(e.fields()).containsEntry("validator", "v1").containsEntry("fault", "offline"));
    }
  }

  @Test
  void shouldHoldEveryVoteBackByTheDelayWhenLate() throws Exception {
    try (SimNetwork net = fourNodes("late")) {
      ConsensusConfig c = net.config();
      long attestAfter = c.secondsPerSlot() * 1000 / 3;
      ChainEvents seen = net.watchChain(PEER, EnumSet.of(ChainEvent.Kind.ATTESTATION));
      net.runToEpoch(2, 0);
      assertThat(net.inject(new Fault.Late("v3", 3000)).accepted()).isTrue();
      net.runToEpoch(5, 0);

      for (ChainEvents.Vote v : seen.attestationsOf(3)) {
        AttestationData d = dataOf(v);
        long lag = v.atMillis() - (net.slotStartMillis(d.slot()) + attestAfter);
        if (d.target().epoch() < 2) {
          assertThat(lag).as("on time before the fault (epoch %d)", d.target().epoch()).isBetween(0L, 200L);
        } else {
          assertThat(lag).as("held back 3 s once late (epoch %d)", d.target().epoch()).isBetween(3000L, 3200L);
        }
      }
      assertThat(seen.attestationsOf(3)).extracting(s -> dataOf(s).target().epoch()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }
  }

  @Test
  void shouldSendPeersTwoBlocksForOneSlotWhenDoubleProposing() throws Exception {
    try (SimNetwork net = fourNodes("double-proposal")) {
      ConsensusConfig c = net.config();
      net.runToEpoch(2, 100);
      long from = 3 * c.slotsPerEpoch();
      PosCommand.SlotContext ctx = net.ask(chainOf(net, PEER), r -> new PosCommand.GetSlotContext(2 * c.slotsPerEpoch(), r));
      BeaconState state = ctx.advancedState().copy(); // the context's state is the chain's own: read-only
      long slot = -1;
      int proposer = -1;
      for (long s = from; s < from + c.slotsPerEpoch() && slot < 0; s++) {
        SlotProcessing.processSlots(state, s, c);
        int p = Proposers.beaconProposerIndex(state, s, c);
        if (p % 4 != PEER) {
          slot = s;
          proposer = p;
        }
      }
      assertThat(slot).as("a proposer of epoch 3 hosted away from node %d", PEER).isNotNegative();
      ChainEvents seen = net.watchChain(PEER, EnumSet.of(ChainEvent.Kind.BEACON_BLOCK_IMPORTED));
      assertThat(net.inject(new Fault.DoubleProposal("v" + proposer)).accepted()).isTrue();
      net.runToEpoch(4, 0);

      long duty = slot;
      int who = proposer;
      List<BeaconBlock> atSlot = seen.of(ChainEvent.BeaconBlockImported.class).stream()
          .map(ChainEvent.BeaconBlockImported::block).filter(b -> b.slot() == duty).toList();
      assertThat(atSlot).as("node %d imported two blocks of v%d for slot %d", PEER, who, duty).hasSize(2)
          .allSatisfy(b -> assertThat(b.proposerIndex()).isEqualTo(who));
      assertThat(atSlot.get(0).root()).isNotEqualTo(atSlot.get(1).root());
      Map<Object, List<NodeEvent>> proposedBySlot = net.events("block_proposed").stream()
          .filter(e -> "double-proposal".equals(e.fields().get("fault")))
          .collect(Collectors.groupingBy(e -> e.fields().get("slot"), TreeMap::new, Collectors.toList()));
      assertThat(proposedBySlot).containsKey(duty).allSatisfy((s, twice) -> assertThat(twice).as("slot %s", s).hasSize(2)
          .extracting(e -> e.fields().get("slashingProtection")).containsExactly("passed", "bypassed"));
    }
  }

  @Test
  void shouldRefuseFaultsThatNameAnUnknownValidatorOrNode() throws Exception {
    try (SimNetwork net = fourNodes("unknown-names")) {
      FaultReply unknownValidator = net.inject(new Fault.Offline("v99"));
      assertThat(unknownValidator.accepted()).isFalse();
      assertThat(unknownValidator.detail()).contains("unknown validator 'v99'").contains("v0, v4");

      FaultReply unknownNode = net.inject(new Fault.SelfishMining(7));
      assertThat(unknownNode.accepted()).isFalse();
      assertThat(unknownNode.detail()).contains("unknown node 7").contains("0..3");

      FaultReply notHosted = net.ask(net.node(2), (ActorRef<FaultReply> r) ->
          new NodeGuardian.InjectFault(new Fault.DoubleVote("v9"), r));
      assertThat(notHosted.accepted()).isFalse();
      assertThat(notHosted.detail()).isEqualTo("validator v9 is not hosted on node 2");

      FaultReply noMiner = net.inject(new Fault.PrivateChain(1, null));
      assertThat(noMiner.accepted()).isFalse();
      assertThat(noMiner.detail()).contains("node 1");

      FaultReply badDelay = net.inject(new Fault.Late("v3", 0));
      assertThat(badDelay.accepted()).isFalse();
      assertThat(badDelay.detail()).contains("late needs a positive delay");

      assertThat(net.events("fault_rejected")).as("the network logs the refusals it sees").hasSize(4);
    }
  }

  private static ActorRef<io.actorchain.node.chain.ChainActor.Command> chainOf(SimNetwork net, int node) {
    return net.ask(net.node(node), NodeGuardian.GetParts::new).chain();
  }
}
