package io.actorchain.core.pos.slashing;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.slashing.SlashingRulesTest.header;
import static io.actorchain.core.pos.slashing.SlashingRulesTest.signed;
import static io.actorchain.core.pos.slashing.SlashingRulesTest.vote;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.BeaconFixture;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.AttesterSlashing;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.ProposerSlashing;
import io.actorchain.core.pos.model.SignedBeaconBlockHeader;
import io.actorchain.core.tx.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §6: double proposals, double votes and surround votes in either order become evidence, once. */
class SlasherTest {
  private static final Hash32 A = Sha256.hash("a".getBytes(StandardCharsets.UTF_8));
  private static final Hash32 B = Sha256.hash("b".getBytes(StandardCharsets.UTF_8));

  private final Slasher slasher = new Slasher(MINIMAL);

  @Test
  void shouldTurnASecondHeaderAtTheSameSlotIntoEvidence() {
    SignedBeaconBlockHeader first = header(3, 9, A, BeaconFixture.key(3));
    SignedBeaconBlockHeader second = header(3, 9, B, BeaconFixture.key(3));

    assertThat(slasher.onHeader(first)).isEmpty();
    assertThat(slasher.onHeader(first)).isEmpty();
    assertThat(slasher.onHeader(header(3, 10, B, BeaconFixture.key(3)))).isEmpty();
    Optional<ProposerSlashing> evidence = slasher.onHeader(second);

    assertThat(evidence).contains(new ProposerSlashing(first, second));
    assertThat(SlashingRules.validateProposerSlashing(BeaconFixture.genesis(16, MINIMAL), evidence.get(), MINIMAL,
        SignatureCheck.direct())).isEmpty();
    assertThat(slasher.offenders()).containsExactly(3L);
  }

  @Test
  void shouldFindADoubleVoteWhicheverArrivesFirst() {
    Attestation x = signed(5, vote(0, 1, A));
    Attestation y = signed(5, vote(0, 1, B));

    assertThat(slasher.onAttestation(x)).isEmpty();
    assertThat(slasher.onAttestation(x)).isEmpty();
    assertThat(slasher.onAttestation(y)).contains(new AttesterSlashing(x, y));

    Slasher other = new Slasher(MINIMAL);
    assertThat(other.onAttestation(y)).isEmpty();
    assertThat(other.onAttestation(x)).contains(new AttesterSlashing(y, x));
  }

  @Test
  void shouldFindANewVoteThatSurroundsAnOldOne() {
    Attestation inner = signed(5, vote(2, 3, A));
    Attestation outer = signed(5, vote(1, 4, A));

    assertThat(slasher.onAttestation(inner)).isEmpty();
    Optional<AttesterSlashing> evidence = slasher.onAttestation(outer);

    assertThat(evidence).contains(new AttesterSlashing(outer, inner));
    assertThat(SlashingRules.isSlashableAttestationData(evidence.get().a1().data(), evidence.get().a2().data()))
        .isTrue();
  }

  @Test
  void shouldFindANewVoteSurroundedByAnOldOne() {
    Attestation outer = signed(5, vote(1, 4, A));
    Attestation inner = signed(5, vote(2, 3, A));

    assertThat(slasher.onAttestation(outer)).isEmpty();

    assertThat(slasher.onAttestation(inner)).contains(new AttesterSlashing(outer, inner));
  }

  @Test
  void shouldFindASurroundBehindManyHonestVotesWhicheverComesFirst() {
    for (long e = 1; e <= 20; e++) {
      assertThat(slasher.onAttestation(signed(5, vote(e - 1, e, A)))).isEmpty();
    }
    Attestation outer = signed(5, vote(3, 21, B)); // its source is lower than the last ones': it surrounds (4, 5)
    Optional<AttesterSlashing> evidence = slasher.onAttestation(outer);

    assertThat(evidence).isPresent();
    assertThat(evidence.get().a1()).isEqualTo(outer);
    assertThat(evidence.get().a2().data().source().epoch()).isEqualTo(4);

    Slasher other = new Slasher(MINIMAL);
    assertThat(other.onAttestation(signed(5, vote(0, 30, A)))).isEmpty();
    for (long e = 1; e < 5; e++) {
      assertThat(other.onAttestation(signed(5, vote(e, e + 1, A)))).as("epoch %d", e).isEqualTo(e == 1
          ? Optional.of(new AttesterSlashing(signed(5, vote(0, 30, A)), signed(5, vote(1, 2, A))))
          : Optional.empty()); // once per validator
    }
  }

  @Test
  void shouldKeepEveryVoteOfItsHistoryAsItsRingGrows() {
    for (long e = 1; e <= 200; e++) {
      assertThat(slasher.onAttestation(signed(5, vote(e - 1, e, A)))).isEmpty();
    }
    assertThat(slasher.storedVotes()).isEqualTo(200);

    Optional<AttesterSlashing> evidence = slasher.onAttestation(signed(5, vote(0, 201, B)));

    assertThat(evidence).isPresent();
    assertThat(evidence.get().a2().data().target().epoch()).as("the oldest vote it surrounds").isEqualTo(2);
  }

  @Test
  void shouldStillFindASurroundAfterForgettingOldVotes() {
    Slasher shortMemory = new Slasher(MINIMAL, 4);
    assertThat(shortMemory.onAttestation(signed(5, vote(9, 9, A)))).isEmpty(); // forgotten below
    assertThat(shortMemory.onAttestation(signed(5, vote(9, 12, A)))).isEmpty();
    shortMemory.onEpoch(15); // keeps targets 11..15

    assertThat(shortMemory.storedVotes()).isEqualTo(1);
    assertThat(shortMemory.onAttestation(signed(5, vote(4, 13, A)))).isPresent(); // (4, 13) surrounds (9, 12)
  }

  @Test
  void shouldIgnoreVotesNoRegistryCouldHoldWithoutForgettingAnything() {
    Attestation honest = signed(5, vote(2, 3, A));
    slasher.onAttestation(honest);
    AttestationData farFuture = new AttestationData(0, 0, A, new Checkpoint(0, A), new Checkpoint(Long.MIN_VALUE, A));

    assertThat(slasher.onAttestation(new Attestation(5, farFuture, honest.sig()))).isEmpty();
    assertThat(slasher.onAttestation(new Attestation(Slasher.MAX_VALIDATORS, vote(0, 3, B), honest.sig()))).isEmpty();
    assertThat(slasher.storedVotes()).isEqualTo(1);
    assertThat(slasher.onAttestation(signed(5, vote(1, 4, B)))).as("the window did not move").isPresent();
  }

  @Test
  void shouldNotAccuseHonestVotesOrOtherValidators() {
    for (long e = 1; e < 10; e++) {
      assertThat(slasher.onAttestation(signed(5, vote(e - 1, e, A)))).isEmpty();
      assertThat(slasher.onAttestation(signed(6, vote(e - 1, e, B)))).isEmpty();
    }
    assertThat(slasher.offenders()).isEmpty();
  }

  @Test
  void shouldProduceEvidenceOncePerValidator() {
    slasher.onAttestation(signed(5, vote(0, 1, A)));
    assertThat(slasher.onAttestation(signed(5, vote(0, 1, B)))).isPresent();

    assertThat(slasher.onAttestation(signed(5, vote(1, 1, B)))).isEmpty();
    assertThat(slasher.offenders()).containsExactly(5L);
  }

  @Test
  void shouldForgetWhatFallsOutOfItsHistory() {
    Slasher shortMemory = new Slasher(MINIMAL, 4);
    for (long e = 1; e <= 20; e++) {
      shortMemory.onAttestation(signed(5, vote(e - 1, e, A)));
      shortMemory.onHeader(header(5, e * 8, A, BeaconFixture.key(5)));
    }

    assertThat(shortMemory.storedVotes()).isEqualTo(5); // target epochs 16..20
    assertThat(shortMemory.storedHeaders()).isEqualTo(5);
    assertThat(shortMemory.onAttestation(signed(5, vote(0, 2, B)))).isEmpty(); // too old to judge
  }

  @Test
  void shouldKeepItsVoteCountEqualToACountOfItsWindowAsVotesArriveAndEpochsLeave() {
    Slasher shortMemory = new Slasher(MINIMAL, 4);
    Random random = new Random(11);
    Attestation signedOnce = signed(5, vote(0, 1, A)); // the slasher reads no signature: every vote reuses this one
    long newest = 0;
    int most = 0;
    int drops = 0;
    for (int step = 0; step < 3000; step++) {
      int before = shortMemory.storedVotes();
      if (random.nextInt(12) == 0) {
        newest += random.nextInt(8) == 0 ? 6 + random.nextInt(10) : random.nextInt(3); // at times past the whole ring
        shortMemory.onEpoch(newest);
      } else {
        long target = Math.max(0, newest - 5 + random.nextInt(7));
        long source = target - random.nextInt((int) Math.min(target, 3) + 1);
        newest = Math.max(newest, target);
        AttestationData d = vote(source, target, random.nextBoolean() ? A : B);
        shortMemory.onAttestation(new Attestation(random.nextInt(8), d, signedOnce.sig()));
      }

      assertThat(shortMemory.storedVotes()).as("step %d", step).isEqualTo(shortMemory.countStoredVotes());
      most = Math.max(most, shortMemory.storedVotes());
      drops += shortMemory.storedVotes() < before ? 1 : 0;
    }
    assertThat(most).as("votes held at most").isGreaterThan(20);
    assertThat(drops).as("steps that forgot votes").isGreaterThan(50);
  }
}
