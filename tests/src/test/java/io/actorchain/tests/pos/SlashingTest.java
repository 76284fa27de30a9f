package io.actorchain.tests.pos;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.AttestationProduction;
import io.actorchain.core.pos.block.BlockProduction;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.epoch.SlotProcessing;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.misc.Mutators;
import io.actorchain.core.pos.misc.Proposers;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.slashing.SlashingInvalidReason;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.Wire;
import io.actorchain.node.slashing.SlasherActor;
import io.actorchain.tests.fixture.SimNetwork;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Slashing end to end (CONSENSUS.md §5.2, §5.4 step 4, §5.5 step 5, §6): real conflicting messages, signed with the
 * offenders' own keys, are injected into node 1 as if node 0 had gossiped them. Node 1's slasher turns them into
 * evidence, every node reports it once and gossips it once, a proposer includes it, block processing slashes the
 * offender, and epoch processing later takes the correlation penalty. Forged evidence slashes nobody.
 */
class SlashingTest {
  static final LinkSettings LINKS = new LinkSettings(50, 20, 0.0);
  static final int NODES = 4;
  static final int VALIDATORS = 16;
  static final int SENDER = 0;
  static final int VICTIM = 1;

  private static SimNetwork fourHonestNodes(String name) throws Exception {
    return SimNetwork.builder(name).nodes(NODES).validators(VALIDATORS, 32).link(LINKS).seed(3).pos().start();
  }

  /**
   * The whole life of a double vote, in the {@code minimal} preset (EPOCHS_PER_SLASHINGS_VECTOR 64, so the
   * correlation penalty comes 32 epochs after the slashing): two votes for the first slot of epoch 3 that differ in
   * their head root.
   */
  @Test
  void shouldSlashADoubleVoteAndTakeTheCorrelationPenaltyHalfwayThroughTheVector() throws Exception {
    try (SimNetwork net = fourHonestNodes("double-vote")) {
      ConsensusConfig c = net.config();
      long epoch = 3;
      long slot = c.startSlot(epoch);
      net.runToEpoch(epoch, 100); // slot 24 has started everywhere; no vote for it has been made yet
      PosCommand.SlotContext ctx = net.ask(chainOf(net, SENDER), r -> new PosCommand.GetSlotContext(slot, r));
      BeaconState state = ctx.advancedState();
      AttestationData honest = AttestationProduction.attestationData(state, ctx.headRoot(), slot, 0, c);
      int offender = notProposingIn(state, epoch, Committees.beaconCommittee(state, slot, 0, c), c);
      Attestation first = Attestation.sign(key(net, offender), offender, withHead(honest, "fork one"));
      Attestation second = Attestation.sign(key(net, offender), offender, withHead(honest, "fork two"));

      gossipToVictim(net, new Wire.AttestationGossip(first.canonical()));
      gossipToVictim(net, new Wire.AttestationGossip(second.canonical()));
      assertThat(net.runUntil(() -> evidenceFound(net, offender).size() == NODES, Duration.ofSeconds(3)))
          .as("every node learns of the double vote").isTrue();
      long balanceBefore = headState(net, VICTIM).balance(offender);
      assertThat(net.runUntil(() -> slashed(net, offender).size() == NODES, Duration.ofSeconds(4)))
          .as("a block includes the evidence").isTrue();

      assertEvidenceFoundOncePerNode(net, offender, "double-vote", epoch);
      assertThat(evidenceFound(net, offender)).allSatisfy(e -> {
        assertThat(e.fields().get("equivocating")).as("out of fork choice at once").isEqualTo(true);
        assertThat(number(e, "target1")).isEqualTo(epoch);
        assertThat(number(e, "target2")).isEqualTo(epoch);
      });
      assertGossipedOncePerNode(net);
      NodeEvent included = slashed(net, offender).get(0);
      long penalty = coins(32) / c.minSlashingPenaltyQuotient();
      assertThat(slashed(net, offender)).allSatisfy(e -> {
        assertThat(e.fields().get("kind")).isEqualTo("double-vote");
        assertThat(number(e, "penalty")).isEqualTo(penalty);
        assertThat(e.fields().get("penaltyCoins")).isEqualTo("1");
        assertThat(number(e, "includedAtSlot")).isEqualTo(number(included, "includedAtSlot"));
      });
      assertThat(number(included, "includedAtSlot")).as("within the epoch of the offence").isBetween(slot + 1,
          c.startSlot(epoch + 1) - 1);
      BeaconState after = headState(net, VICTIM);
      assertThat(c.epochOf(after.slot())).as("no epoch processing in between").isEqualTo(epoch);
      assertThat(balanceBefore - after.balance(offender)).as("effBal // MIN_SLASHING_PENALTY_QUOTIENT")
          .isEqualTo(penalty);
      long exitEpoch = Mutators.computeActivationExitEpoch(epoch, c);
      long withdrawable = Math.max(exitEpoch + c.minValidatorWithdrawabilityDelay(),
          epoch + c.epochsPerSlashingsVector());
      Validator v = after.validator(offender);
      assertThat(v.slashed()).isTrue();
      assertThat(v.exitEpoch()).isEqualTo(exitEpoch);
      assertThat(v.withdrawableEpoch()).isEqualTo(withdrawable);
      assertThat(IntStream.range(0, VALIDATORS).filter(i -> after.validator(i).slashed()).boxed().toList())
          .as("nobody else").containsExactly(offender);

      long due = withdrawable - c.epochsPerSlashingsVector() / 2;
      net.runToEpoch(due + 1, 500);
      assertThat(net.events("validator_exited")).as("each node sees it leave at its exit epoch")
          .extracting(NodeEvent::node, e -> number(e, "index"), e -> number(e, "exitEpoch"), e -> e.fields().get("slashed"))
          .containsExactlyInAnyOrder(IntStream.range(0, NODES).mapToObj(n -> org.assertj.core.groups.Tuple.tuple(n,
              (long) offender, exitEpoch, true)).toArray(org.assertj.core.groups.Tuple[]::new));
      EpochTransition atDue = net.transitions(VICTIM).stream().filter(t -> t.epoch() == due).findFirst().orElseThrow();
      long effectiveBalance = atDue.validators().get(offender).effectiveBalanceBefore();
      long adjusted = Math.min(3 * coins(32), atDue.totalActiveBalance()); // Σ slashings × MULTIPLIER, capped
      long correlation = effectiveBalance / coins(1) * adjusted / atDue.totalActiveBalance() * coins(1);
      assertThat(correlation).as("a real penalty").isPositive();
      assertThat(atDue.correlationPenalties()).containsExactly(
          new EpochTransition.CorrelationPenalty(offender, correlation));
      assertThat(net.events("correlation_penalty")).as("once per node, at withdrawable − VECTOR/2")
          .extracting(NodeEvent::node, e -> number(e, "index"), e -> number(e, "epoch"), e -> number(e, "amount"))
          .containsExactlyInAnyOrder(IntStream.range(0, NODES).mapToObj(n -> org.assertj.core.groups.Tuple.tuple(n,
              (long) offender, due, correlation)).toArray(org.assertj.core.groups.Tuple[]::new));
      assertThat(net.events("evidence_rejected")).isEmpty();
      assertThat(net.allOnOneHead()).isTrue();
    }
  }

  /**
   * A double proposal and a surround vote in one network. The proposer's second block for the first slot of epoch 3
   * reaches node 1 before its honest one; the surround vote (source 0, target 5) reaches it after the surrounded
   * honest votes of epochs 3 and 4, and is refused on gossip for its committee yet still counts as signed evidence. (The
   * opposite orders, the surrounded vote second, are core's {@code SlasherTest}: every honest vote for an earlier
   * target is already held, so at node level a second vote there is a double vote.)
   */
  @Test
  void shouldSlashADoubleProposalAndASurroundVote() throws Exception {
    try (SimNetwork net = fourHonestNodes("proposal-and-surround")) {
      ConsensusConfig c = net.config();
      long slot = c.startSlot(3);
      net.runToEpoch(3, -300); // late in slot 23: the victim's head is the block of slot 23
      BeaconState parentState = headState(net, VICTIM);
      BeaconState advanced = parentState.copy();
      SlotProcessing.processSlots(advanced, slot, c);
      int proposer = Proposers.beaconProposerIndex(advanced, slot, c);
      BeaconBlock second = BlockProduction.produce(parentState, slot, proposer, key(net, proposer), List.of(),
          List.of(), List.of(), List.of(), c, SignatureCheck.shared()).block();
      net.runToEpoch(3, 10); // the slot has started; the honest block is still on its way
      gossipToVictim(net, new Wire.BeaconBlockGossip(second.canonical()));
      assertThat(net.runUntil(() -> evidenceFound(net, proposer).size() == NODES, Duration.ofSeconds(3)))
          .as("every node learns of the double proposal").isTrue();
      assertThat(net.events("block_proposed")).filteredOn(e -> number(e, "slot") == slot)
          .extracting(e -> e.fields().get("root")).as("the honest block differs").doesNotContain(second.root().toHex());

      long epoch = 5;
      net.runToEpoch(epoch, 100);
      PosCommand.SlotContext ctx = net.ask(chainOf(net, SENDER), r -> new PosCommand.GetSlotContext(c.startSlot(epoch), r));
      BeaconState state = ctx.advancedState();
      int surrounder = IntStream.range(0, VALIDATORS).filter(v -> v != proposer
          && Committees.committeeOf(state, epoch, v, c).orElseThrow().slot() > c.startSlot(epoch) + 1)
          .findFirst().orElseThrow(); // it has not voted in epoch 5 yet, nor will before node 1 looks
      AttestationData honest = AttestationProduction.attestationData(state, ctx.headRoot(), c.startSlot(epoch), 0, c);
      assertThat(state.previousJustified().epoch()).as("the honest vote of epoch 4 has a source after 0")
          .isPositive();
      AttestationData surrounding = new AttestationData(c.startSlot(epoch), 0, honest.headRoot(),
          new Checkpoint(0, state.previousJustified().root()), honest.target());
      gossipToVictim(net, new Wire.AttestationGossip(
          Attestation.sign(key(net, surrounder), surrounder, surrounding).canonical()));
      assertThat(net.runUntil(() -> evidenceFound(net, surrounder).size() == NODES
          && slashed(net, surrounder).size() == NODES && slashed(net, proposer).size() == NODES,
          Duration.ofSeconds(6))).as("both found everywhere and included").isTrue();

      assertThat(evidenceFound(net, proposer)).extracting(NodeEvent::node).containsExactlyInAnyOrder(0, 1, 2, 3);
      assertThat(evidenceFound(net, proposer)).allSatisfy(e -> {
        assertThat(e.fields().get("kind")).isEqualTo("double-proposal");
        assertThat(number(e, "slot")).isEqualTo(slot);
        assertThat(number(e, "epoch")).isEqualTo(3);
      });
      assertEvidenceFoundOncePerNode(net, surrounder, "surround-vote", epoch);
      assertThat(evidenceFound(net, surrounder)).allSatisfy(e -> {
        assertThat(number(e, "source1")).as("the surrounding vote first").isZero();
        assertThat(number(e, "target1")).isEqualTo(epoch);
        assertThat(number(e, "target2")).as("an earlier honest vote").isLessThan(epoch);
        assertThat(number(e, "source2")).isPositive();
      });
      assertThat(net.events("attestation_rejected")).as("refused on gossip, yet signed evidence")
          .extracting(NodeEvent::node, e -> number(e, "validator"), e -> e.fields().get("reason"))
          .containsExactly(org.assertj.core.groups.Tuple.tuple(VICTIM, (long) surrounder, "NOT_IN_COMMITTEE"));
      for (int n = 0; n < NODES; n++) {
        SlasherActor.Stats s = stats(net, n);
        assertThat(s.found()).as("node %d found", n).isEqualTo(2);
        assertThat(s.gossiped()).as("node %d gossiped", n).isEqualTo(2);
      }
      assertThat(slashed(net, proposer)).extracting(e -> e.fields().get("kind")).containsOnly("double-proposal");
      assertThat(slashed(net, surrounder)).extracting(e -> e.fields().get("kind")).containsOnly("surround-vote");
      BeaconState after = headState(net, VICTIM);
      assertThat(IntStream.range(0, VALIDATORS).filter(i -> after.validator(i).slashed()).boxed().toList())
          .containsExactlyInAnyOrder(proposer, surrounder);
      assertThat(net.events("evidence_rejected")).isEmpty();
    }
  }

  /**
   * Forged attester slashings (a signature over other data; two votes that are neither a double nor a surround vote)
   * and a proposer slashing of one header twice: each is rejected on node 1 with its reason, once however often it
   * comes, goes no further, and slashes nobody; node 1 keeps following the chain and finalizing.
   */
  @Test
  void shouldRejectForgedEvidenceWithItsReasonAndSlashNobody() throws Exception {
    try (SimNetwork net = fourHonestNodes("forged-evidence")) {
      ConsensusConfig c = net.config();
      long epoch = 4;
      net.runToEpoch(epoch, 100);
      PosCommand.SlotContext ctx = net.ask(chainOf(net, SENDER), r -> new PosCommand.GetSlotContext(c.startSlot(epoch), r));
      BeaconState state = ctx.advancedState();
      int victim = 5;
      SigningKey k = key(net, victim);
      AttestationData honest = AttestationProduction.attestationData(state, ctx.headRoot(), c.startSlot(epoch), 0, c);
      Attestation signedOne = Attestation.sign(k, victim, withHead(honest, "one"));
      Attestation otherData = new Attestation(victim, withHead(honest, "two"), signedOne.sig());
      AttestationData earlier = new AttestationData(c.startSlot(epoch - 1), 0, hash("x"),
          new Checkpoint(epoch - 2, hash("y")), new Checkpoint(epoch - 1, hash("z")));
      AttestationData later = new AttestationData(c.startSlot(epoch), 0, hash("x"),
          new Checkpoint(epoch - 1, hash("z")), new Checkpoint(epoch, hash("w")));
      AttesterSlashing mismatched = new AttesterSlashing(signedOne, otherData);
      AttesterSlashing harmless = new AttesterSlashing(Attestation.sign(k, victim, earlier),
          Attestation.sign(k, victim, later));
      BeaconBlock head = net.ask(chainOf(net, VICTIM), (org.apache.pekko.actor.typed.ActorRef<PosCommand.BeaconBlocksFound> r)
          -> new PosCommand.ServeBeaconBlocks(ctx.headRoot(), 1, SENDER, r)).blocks().get(0);
      var signedHead = new io.actorchain.core.pos.model.SignedBeaconBlockHeader(head.header(), head.sig());
      var sameHeaderTwice = new io.actorchain.core.pos.model.ProposerSlashing(signedHead, signedHead);

      for (int i = 0; i < 2; i++) {
        gossipToVictim(net, new Wire.AttesterSlashingGossip(mismatched.canonical()));
        gossipToVictim(net, new Wire.AttesterSlashingGossip(harmless.canonical()));
        gossipToVictim(net, new Wire.ProposerSlashingGossip(sameHeaderTwice.canonical()));
      }
      net.runUntil(() -> net.events("evidence_rejected").size() >= 3, Duration.ofSeconds(1));

      assertThat(net.events("evidence_rejected"))
          .extracting(NodeEvent::node, e -> number(e, "index"), e -> e.fields().get("reason"), e -> number(e, "from"))
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(VICTIM, (long) victim, SlashingInvalidReason.BAD_SIGNATURE.name(),
                  (long) SENDER),
              org.assertj.core.groups.Tuple.tuple(VICTIM, (long) victim,
                  SlashingInvalidReason.NOT_SLASHABLE_DATA.name(), (long) SENDER),
              org.assertj.core.groups.Tuple.tuple(VICTIM, head.proposerIndex(),
                  SlashingInvalidReason.SAME_HEADER.name(), (long) SENDER));
      assertThat(net.events("evidence_rejected")).allSatisfy(e -> assertThat((String) e.fields().get("detail"))
          .as("every rejection says why").isNotBlank());
      SlasherActor.Stats s = stats(net, VICTIM);
      assertThat(s.rejected()).isEqualTo(3);
      assertThat(s.duplicates()).as("the second copies").isEqualTo(3);
      assertThat(s.gossiped()).isZero();

      net.runToEpoch(epoch + 3, 200);
      assertThat(net.events("evidence_found")).isEmpty();
      assertThat(net.events("validator_slashed")).isEmpty();
      assertThat(net.events("evidence_rejected")).as("nothing was relayed").hasSize(3);
      PosCommand.PosStatus status = net.ask(chainOf(net, VICTIM), PosCommand.GetPosStatus::new);
      assertThat(status.headSlot()).as("the victim kept following").isEqualTo(c.startSlot(epoch + 3));
      assertThat(status.finalized().epoch()).as("and finalizing").isGreaterThanOrEqualTo(epoch);
      assertThat(IntStream.range(0, VALIDATORS).filter(i -> status.headState().validator(i).slashed())).isEmpty();
      assertThat(net.allOnOneHead()).isTrue();
    }
  }

  private static AttestationData withHead(AttestationData d, String head) {
    return new AttestationData(d.slot(), d.committeeIndex(), hash(head), d.source(), d.target());
  }

  /** A member of {@code committee} that proposes no block in {@code epoch}, so only the slashing moves its balance. */
  private static int notProposingIn(BeaconState state, long epoch, int[] committee, ConsensusConfig c) {
    List<Integer> proposers = IntStream.range(0, (int) c.slotsPerEpoch()).mapToObj(
        i -> Proposers.beaconProposerIndex(state, c.startSlot(epoch) + i, c)).toList();
    return IntStream.of(committee).filter(v -> !proposers.contains(v)).findFirst().orElseThrow();
  }

  private static void assertEvidenceFoundOncePerNode(SimNetwork net, int offender, String kind, long epoch) {
    List<NodeEvent> found = evidenceFound(net, offender);
    assertThat(found).extracting(NodeEvent::node).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(found).allSatisfy(e -> {
      assertThat(e.fields().get("kind")).isEqualTo(kind);
      assertThat(number(e, "epoch")).isEqualTo(epoch);
      assertThat(e.fields().get("name")).isEqualTo("v" + offender);
    });
    assertThat(found).filteredOn(e -> e.node() == VICTIM).extracting(e -> e.fields().get("via"))
        .containsExactly("slasher");
    assertThat(found).filteredOn(e -> e.node() != VICTIM).extracting(e -> e.fields().get("via"))
        .containsOnly("gossip");
  }

  private static void assertGossipedOncePerNode(SimNetwork net) {
    for (int n = 0; n < NODES; n++) {
      SlasherActor.Stats s = stats(net, n);
      assertThat(s.found()).as("node %d found", n).isEqualTo(1);
      assertThat(s.gossiped()).as("node %d gossiped", n).isEqualTo(1);
      assertThat(s.rejected()).as("node %d rejected", n).isZero();
    }
  }

  private static SlasherActor.Stats stats(SimNetwork net, int node) {
    return net.ask(net.ask(net.node(node), NodeGuardian.GetParts::new).slasher(), SlasherActor.GetStats::new);
  }

  private static List<NodeEvent> evidenceFound(SimNetwork net, int offender) {
    return net.events("evidence_found").stream().filter(e -> number(e, "index") == offender).toList();
  }

  private static List<NodeEvent> slashed(SimNetwork net, int offender) {
    return net.events("validator_slashed").stream().filter(e -> number(e, "index") == offender).toList();
  }

  private static BeaconState headState(SimNetwork net, int node) {
    return net.ask(chainOf(net, node), PosCommand.GetPosStatus::new).headState();
  }

  private static void gossipToVictim(SimNetwork net, Wire w) {
    net.node(VICTIM).tell(new NodeGuardian.FromPeer(SENDER, w));
  }

  private static org.apache.pekko.actor.typed.ActorRef<ChainActor.Command> chainOf(SimNetwork net, int node) {
    return net.ask(net.node(node), NodeGuardian.GetParts::new).chain();
  }

  private static SigningKey key(SimNetwork net, int validator) {
    return net.settings().key("v" + validator);
  }

  private static Hash32 hash(String s) {
    return Sha256.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A numeric event field as a long (events keep the boxed type they were emitted with). */
  private static long number(NodeEvent e, String field) {
    return ((Number) e.fields().get(field)).longValue();
  }
}
