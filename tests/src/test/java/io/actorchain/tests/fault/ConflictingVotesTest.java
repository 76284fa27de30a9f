package io.actorchain.tests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.core.pos.slashing.SlashingRules;
import io.actorchain.node.fault.ConflictingVotes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The slashable votes a faulty validator signs (CONSENSUS.md §5.2, isSlashable), from its honest duty and its record. */
class ConflictingVotesTest {
  static final long SPE = 8;
  static final Hash32 A = root("a");
  static final Hash32 B = root("b");
  static final Hash32 C = root("c");

  private static Hash32 root(String s) {
    return Sha256.hash(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static AttestationData vote(long slot, Hash32 head, long source, Hash32 sourceRoot, long target,
      Hash32 targetRoot) {
    return new AttestationData(slot, 0, head, new Checkpoint(source, sourceRoot), new Checkpoint(target, targetRoot));
  }

  @Test
  void shouldVoteForTheTargetBlockAsHeadForASecondVoteOfTheSameTarget() {
    AttestationData honest = vote(29, C, 2, A, 3, B);
    AttestationData second = ConflictingVotes.doubleVote(honest);
    assertThat(second.headRoot()).isEqualTo(B);
    assertThat(second.target()).isEqualTo(honest.target());
    assertThat(second.source()).isEqualTo(honest.source());
    assertThat(SlashingRules.isSlashableEitherOrder(honest, second)).isTrue();
  }

  @Test
  void shouldVoteForTheSourceBlockWhenTheHeadIsTheTargetBlock() {
    AttestationData honest = vote(24, B, 2, A, 3, B);
    AttestationData second = ConflictingVotes.doubleVote(honest);
    assertThat(second.headRoot()).isEqualTo(A);
    assertThat(second.target()).isEqualTo(new Checkpoint(3, A));
    assertThat(SlashingRules.isSlashableEitherOrder(honest, second)).isTrue();
  }

  @Test
  void shouldStillDoubleVoteWhenHeadTargetAndSourceAreOneBlock() {
    AttestationData honest = vote(3, A, 0, A, 0, A);
    AttestationData second = ConflictingVotes.doubleVote(honest);
    assertThat(second.headRoot()).isNotEqualTo(A);
    assertThat(SlashingRules.isSlashableEitherOrder(honest, second)).isTrue();
  }

  @Test
  void shouldSurroundTheVoteWithTheHighestSource() {
    AttestationData earlier = vote(28, B, 2, A, 3, B);
    SlashingProtectionRecord signed = new SlashingProtectionRecord(-1, 2, 3);
    AttestationData honest = vote(36, C, 3, B, 4, C);
    Optional<AttestationData> surround = ConflictingVotes.surroundVote(honest, signed, SPE);
    assertThat(surround).isPresent();
    assertThat(surround.get().source().epoch()).isEqualTo(1);
    assertThat(surround.get().target()).isEqualTo(honest.target());
    assertThat(SlashingRules.isSlashableAttestationData(surround.get(), earlier)).as("it surrounds the earlier vote").isTrue();
    assertThat(surround.get().target().epoch()).as("not a double vote of the honest target").isEqualTo(4);
  }

  @Test
  void shouldSitInsideAWideVoteWhenNoSourceIsAboveZero() {
    AttestationData wide = vote(24, B, 0, A, 3, B);
    SlashingProtectionRecord signed = new SlashingProtectionRecord(-1, 0, 3);
    AttestationData honest = vote(33, C, 0, A, 4, C);
    AttestationData inside = ConflictingVotes.surroundVote(honest, signed, SPE).orElseThrow();
    assertThat(inside.source().epoch()).isEqualTo(1);
    assertThat(inside.target().epoch()).isEqualTo(2);
    assertThat(inside.slot()).as("the honest slot moved back to epoch 2").isEqualTo(17);
    assertThat(SlashingRules.isSlashableAttestationData(wide, inside)).as("the wide vote surrounds it").isTrue();
  }

  @Test
  void shouldFindNothingToSurroundBeforeAnyWideEnoughVote() {
    AttestationData honest = vote(12, B, 0, A, 1, B);
    assertThat(ConflictingVotes.surroundVote(honest, SlashingProtectionRecord.empty(), SPE)).isEmpty();
    assertThat(ConflictingVotes.surroundVote(honest, new SlashingProtectionRecord(-1, 0, 0), SPE)).isEmpty();
    assertThat(ConflictingVotes.surroundVote(vote(20, B, 0, A, 2, B), new SlashingProtectionRecord(-1, 0, 1), SPE))
        .isEmpty();
  }
}
