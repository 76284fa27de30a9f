package io.actorchain.core.pos.forkchoice;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.TERMINAL;
import static io.actorchain.core.pos.BeaconFixture.advanced;
import static io.actorchain.core.pos.BeaconFixture.attestation;
import static io.actorchain.core.pos.BeaconFixture.attestations;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.block.BlockProduction;
import io.actorchain.core.pos.misc.Committees;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §5.6 on 32 validators of 32 coins: the boost is 1024 // 8 × 40 // 100 = 51.2 coins, one vote 32. */
class ForkChoiceStoreTest {
  private static final BeaconState GENESIS = genesis(32, MINIMAL);
  /** Two siblings on the anchor: A at slot 1, B at slot 2. */
  private static final BlockProduction.Produced A = produce(GENESIS, 1, List.of(), MINIMAL);
  private static final BlockProduction.Produced B = produce(GENESIS, 2, List.of(), MINIMAL);

  private ForkChoiceStore store;

  @BeforeEach
  void anchor() {
    store = new ForkChoiceStore(TERMINAL, GENESIS.copy(), MINIMAL);
  }

  private void add(BlockProduction.Produced p, boolean timely) {
    assertThat(store.onBlock(p.block(), p.postState(), timely)).isEmpty();
  }

  private void add(BeaconBlock b, BeaconState postState) {
    assertThat(store.onBlock(b, postState, false)).isEmpty();
  }

  /** The votes of the validators on duty at {@code slot}, for {@code head}. */
  private static List<Attestation> votesFor(BlockProduction.Produced head, long slot) {
    return attestations(head.postState(), head.block().root(), slot, MINIMAL);
  }

  private void count(List<Attestation> votes) {
    for (Attestation a : votes) {
      assertThat(store.onAttestation(a, false)).isEmpty();
    }
  }

  private static Hash32 greater(Hash32 x, Hash32 y) {
    return x.compareTo(y) > 0 ? x : y;
  }

  @Test
  void shouldStartAtTheAnchor() {
    assertThat(store.getHead()).isEqualTo(TERMINAL);
    assertThat(store.justified()).isEqualTo(new Checkpoint(0, TERMINAL));
    assertThat(store.finalized()).isEqualTo(new Checkpoint(0, TERMINAL));
    assertThat(store.contains(TERMINAL)).isTrue();
    assertThat(store.block(TERMINAL)).isEmpty();
    assertThat(store.state(TERMINAL)).hasValueSatisfying(s -> assertThat(s.root()).isEqualTo(GENESIS.root()));
  }

  @Test
  void shouldBreakAWeightTieTowardsTheGreaterRoot() {
    store.onTick(2, 0);
    add(A, false);
    add(B, false);

    assertThat(store.getHead()).isEqualTo(greater(A.block().root(), B.block().root()));
  }

  @Test
  void shouldFollowTheBranchWithMoreVotesFromTheNextSlotOn() {
    boolean aIsGreater = A.block().root().compareTo(B.block().root()) > 0;
    BlockProduction.Produced lesser = aIsGreater ? B : A;
    store.onTick(2, 0);
    add(A, false);
    add(B, false);

    count(votesFor(lesser, 2));
    assertThat(store.getHead()).as("votes of slot 2 count from slot 3").isNotEqualTo(lesser.block().root());
    store.onTick(3, 0);

    assertThat(store.getHead()).isEqualTo(lesser.block().root());
  }

  @Test
  void shouldRemoveTheWeightOfEquivocatingValidators() {
    store.onTick(2, 0);
    add(A, false);
    add(B, false);
    List<Attestation> forA = votesFor(A, 2).subList(0, 2);
    List<Attestation> forB = votesFor(B, 2).subList(2, 3);
    count(forA);
    count(forB);
    store.onTick(3, 0);
    assertThat(store.getHead()).isEqualTo(A.block().root());

    store.onAttesterSlashing(forA.stream().map(a -> (int) a.validatorIndex()).collect(Collectors.toList()));

    assertThat(store.getHead()).isEqualTo(B.block().root());
    assertThat(store.isEquivocating((int) forA.get(0).validatorIndex())).isTrue();
  }

  @Test
  void shouldLetATimelyBlockOfTheCurrentSlotWinWithTheProposerBoost() {
    store.onTick(1, 0);
    add(A, false);
    count(votesFor(A, 1).subList(0, 1));
    store.onTick(2, 0);
    assertThat(store.getHead()).isEqualTo(A.block().root());

    add(B, true);

    assertThat(store.proposerBoostRoot()).contains(B.block().root());
    assertThat(store.getHead()).isEqualTo(B.block().root());
    store.onTick(3, 0);
    assertThat(store.proposerBoostRoot()).isEmpty();
    assertThat(store.getHead()).isEqualTo(A.block().root());
  }

  @Test
  void shouldGiveNoBoostToALateBlock() {
    store.onTick(1, 0);
    add(A, false);
    count(votesFor(A, 1).subList(0, 1));
    store.onTick(2, 0);

    add(B, false);

    assertThat(store.proposerBoostRoot()).isEmpty();
    assertThat(store.getHead()).isEqualTo(A.block().root());
  }

  @Test
  void shouldExcludeABranchWhoseJustifiedCheckpointIsNotTheStores() {
    store.onTick(2, 0);
    add(A, false);
    count(votesFor(A, 2));
    BeaconState justifiedOnB = B.postState().copy();
    justifiedOnB.setCurrentJustified(new Checkpoint(1, TERMINAL));

    add(B.block(), justifiedOnB);
    store.onTick(3, 0);

    assertThat(store.justified()).isEqualTo(new Checkpoint(1, TERMINAL));
    assertThat(store.getHead()).isEqualTo(B.block().root());
  }

  @Test
  void shouldExcludeABranchWhoseFinalizedCheckpointIsNotTheStores() {
    store.onTick(2, 0);
    BeaconState justifiedOnA = A.postState().copy();
    justifiedOnA.setCurrentJustified(new Checkpoint(1, TERMINAL));
    add(A.block(), justifiedOnA);
    count(votesFor(A, 2));
    store.onTick(3, 0);
    assertThat(store.getHead()).isEqualTo(A.block().root());
    BeaconState finalizedOnB = B.postState().copy();
    finalizedOnB.setCurrentJustified(new Checkpoint(1, TERMINAL));
    finalizedOnB.setFinalized(new Checkpoint(1, TERMINAL));

    add(B.block(), finalizedOnB);

    assertThat(store.finalized()).isEqualTo(new Checkpoint(1, TERMINAL));
    assertThat(store.getHead()).isEqualTo(B.block().root());
  }

  @Test
  void shouldTakeTheBlocksJustifiedCheckpointWhenANewFinalizedOneLeavesTheStoresJustifiedOnADeadBranch() {
    store.onTick(10, 0);
    add(A, false);
    add(B, false);
    BlockProduction.Produced onA = produce(A.postState(), 9, List.of(), MINIMAL);
    BeaconState justifiedA = onA.postState().copy();
    justifiedA.setCurrentJustified(new Checkpoint(1, A.block().root()));
    add(onA.block(), justifiedA);
    assertThat(store.justified()).isEqualTo(new Checkpoint(1, A.block().root()));
    BlockProduction.Produced onB = produce(B.postState(), 10, List.of(), MINIMAL);
    BeaconState finalizedB = onB.postState().copy(); // justified epoch 1 too: not newer than the store's
    finalizedB.setCurrentJustified(new Checkpoint(1, B.block().root()));
    finalizedB.setFinalized(new Checkpoint(1, B.block().root()));

    add(onB.block(), finalizedB);

    assertThat(store.finalized()).isEqualTo(new Checkpoint(1, B.block().root()));
    assertThat(store.justified()).as("the store's justified block was on the branch finality left out")
        .isEqualTo(new Checkpoint(1, B.block().root()));
    assertThat(store.contains(onA.block().root())).isFalse();
    assertThat(store.getHead()).isEqualTo(onB.block().root());
  }

  @Test
  void shouldRefuseBlocksWithAnUnknownParentOrFromTheFuture() {
    store.onTick(1, 0);
    BlockProduction.Produced onA = produce(A.postState(), 2, List.of(), MINIMAL);

    assertThat(store.onBlock(onA.block(), onA.postState(), false).map(ForkChoiceRejection::reason))
        .contains(ForkChoiceInvalidReason.UNKNOWN_PARENT);
    assertThat(store.onBlock(B.block(), B.postState(), false).map(ForkChoiceRejection::reason))
        .contains(ForkChoiceInvalidReason.FUTURE_SLOT);
    assertThat(store.contains(B.block().root())).isFalse();
  }

  @Test
  void shouldPruneBranchesThatDoNotDescendFromTheFinalizedBlockButKeepTheFinalizedChain() {
    store.onTick(10, 0);
    add(A, false);
    add(B, false);
    BlockProduction.Produced c = produce(A.postState(), 9, List.of(), MINIMAL);
    BeaconState finalizedA = c.postState().copy();
    finalizedA.setCurrentJustified(new Checkpoint(1, A.block().root()));
    finalizedA.setFinalized(new Checkpoint(1, A.block().root()));

    add(c.block(), finalizedA);

    assertThat(store.contains(B.block().root())).isFalse();
    assertThat(store.contains(TERMINAL)).isTrue();
    assertThat(store.state(TERMINAL)).isEmpty();
    assertThat(store.block(A.block().root())).contains(A.block());
    assertThat(store.ancestorAt(c.block().root(), 0)).isEqualTo(TERMINAL);
    assertThat(store.getHead()).isEqualTo(c.block().root());
    BlockProduction.Produced early = produce(A.postState(), 3, List.of(), MINIMAL);
    assertThat(store.onBlock(early.block(), early.postState(), false).map(ForkChoiceRejection::reason))
        .contains(ForkChoiceInvalidReason.NOT_AFTER_FINALIZED);
  }

  @Test
  void shouldWalkToTheAncestorAtASlot() {
    store.onTick(3, 0);
    add(A, false);
    BlockProduction.Produced a3 = produce(A.postState(), 3, List.of(), MINIMAL);
    add(a3, false);

    assertThat(store.ancestorAt(a3.block().root(), 3)).isEqualTo(a3.block().root());
    assertThat(store.ancestorAt(a3.block().root(), 2)).isEqualTo(A.block().root());
    assertThat(store.ancestorAt(a3.block().root(), 0)).isEqualTo(TERMINAL);
    assertThatThrownBy(() -> store.ancestorAt(B.block().root(), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCountTheOldBranchBlocksANewHeadLeavesOut() {
    store.onTick(3, 0);
    add(A, false);
    add(B, false);
    BlockProduction.Produced a3 = produce(A.postState(), 3, List.of(), MINIMAL);
    add(a3, false);

    assertThat(store.reorgDepth(A.block().root(), a3.block().root())).as("a3 extends A").isZero();
    assertThat(store.reorgDepth(TERMINAL, B.block().root())).as("everything extends the anchor").isZero();
    assertThat(store.reorgDepth(a3.block().root(), B.block().root())).as("a3 and A left out").isEqualTo(2);
    assertThat(store.reorgDepth(B.block().root(), a3.block().root())).as("B left out").isEqualTo(1);
  }

  @Test
  void shouldRefuseAttestationsThatCannotCount() {
    store.onTick(2, 0);
    add(A, false);
    Attestation vote = votesFor(A, 2).get(0);
    AttestationData d = vote.data();

    assertThat(reason(withData(vote, new AttestationData(2, 0, B.block().root(), d.source(), d.target()))))
        .contains(ForkChoiceInvalidReason.UNKNOWN_HEAD_BLOCK);
    assertThat(reason(withData(vote, new AttestationData(2, 0, d.headRoot(), d.source(),
        new Checkpoint(0, A.block().root()))))).contains(ForkChoiceInvalidReason.TARGET_NOT_ANCESTOR_OF_HEAD);
    assertThat(reason(withData(vote, new AttestationData(0, 0, d.headRoot(), d.source(), d.target()))))
        .contains(ForkChoiceInvalidReason.HEAD_AFTER_ATTESTATION_SLOT);
    assertThat(reason(withData(vote, new AttestationData(9, 0, d.headRoot(), d.source(),
        new Checkpoint(1, A.block().root()))))).contains(ForkChoiceInvalidReason.FUTURE_TARGET);
    assertThat(reason(withData(vote, new AttestationData(9, 0, d.headRoot(), d.source(), d.target()))))
        .contains(ForkChoiceInvalidReason.TARGET_EPOCH_NOT_SLOT_EPOCH);
    assertThat(store.onAttestation(vote, false)).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheLatestMessageByTargetEpoch() {
    store.onTick(9, 0);
    add(A, false);
    add(B, false);
    BlockProduction.Produced b9 = produce(B.postState(), 9, List.of(), MINIMAL);
    add(b9, false);
    Attestation late = votesFor(A, 2).get(0);
    int v = (int) late.validatorIndex();
    Attestation newer = attestation(b9.postState(), b9.block().root(), dutySlotInEpoch1(b9.postState(), v), v,
        MINIMAL);
    store.onTick(17, 0);
    assertThat(store.onAttestation(newer, true)).isEmpty();

    assertThat(store.onAttestation(late, true)).isEmpty();

    assertThat(store.latestMessage(v)).contains(new Checkpoint(1, b9.block().root()));
  }

  private static long dutySlotInEpoch1(BeaconState s, int v) {
    return Committees.committeeOf(advanced(s, 9, MINIMAL), 1, v, MINIMAL).orElseThrow().slot();
  }

  private Optional<ForkChoiceInvalidReason> reason(Attestation a) {
    return store.onAttestation(a, false).map(ForkChoiceRejection::reason);
  }

  private static Attestation withData(Attestation a, AttestationData d) {
    return new Attestation(a.validatorIndex(), d, a.sig());
  }
}
