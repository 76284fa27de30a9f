package io.actorchain.core.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.crypto.SigningKey;
import io.actorchain.core.pos.epoch.EpochProcessing;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Attestation;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.core.pos.slashing.Slasher;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Casper FFG's accountable safety (CONSENSUS.md §6) as a seeded property test over core's own functions: two forks
 * split at genesis; honest validators vote on their fork (and may change sides, under slashing protection); byzantine
 * validators follow a random schedule (offline, one fork, the other, or both at once). Each fork weighs the votes it
 * can see with core's justification and finalization, and core's {@link Slasher} watches every vote.
 *
 * <ul>
 *   <li>With byzantine stake below 1/3, the forks never finalize conflicting checkpoints.
 *   <li>Whenever they do, the slasher names validators holding at least 1/3 of the stake, and no honest one.
 * </ul>
 */
class AccountableSafetyPropertyTest {
  static final ConsensusConfig C = ConsensusConfig.minimal();
  static final int RUNS = 300;
  static final Checkpoint GENESIS = new Checkpoint(0, TestStates.GENESIS_ROOT);

  private record Outcome(boolean byzantineBelowThird, boolean conflicting, long namedStake, long totalStake) {}

  @Test
  void shouldNeverFinalizeConflictingCheckpointsWithoutSlashingAThirdOfTheStake() {
    int belowThird = 0;
    int atOrAboveThirdConflicting = 0;
    int atOrAboveThirdSafe = 0;
    for (int run = 0; run < RUNS; run++) {
      Outcome o = run(new SplittableRandom(0x5AFE_0000L + run), run);
      if (o.byzantineBelowThird()) {
        assertThat(o.conflicting()).as("run %d: conflicting finality with byzantine stake below 1/3", run).isFalse();
        belowThird++;
      } else if (o.conflicting()) {
        assertThat(o.namedStake() * 3).as("run %d: the slasher names at least 1/3 of the stake", run)
            .isGreaterThanOrEqualTo(o.totalStake());
        atOrAboveThirdConflicting++;
      } else {
        atOrAboveThirdSafe++;
      }
    }
    System.out.printf("accountable safety, %d runs: %d with byzantine stake < 1/3 (no conflicting finality in any);"
        + " %d with >= 1/3 and conflicting finality (slasher named >= 1/3 of the stake in every one);"
        + " %d with >= 1/3 and no conflict%n", RUNS, belowThird, atOrAboveThirdConflicting, atOrAboveThirdSafe);
    assertThat(belowThird).as("runs below 1/3").isGreaterThanOrEqualTo(50);
    assertThat(atOrAboveThirdConflicting).as("runs where conflicting finality happened (the property bites)")
        .isGreaterThanOrEqualTo(20);
  }

  private static Outcome run(SplittableRandom rnd, int run) {
    int n = 4 + rnd.nextInt(13);
    long[] stakes = new long[n];
    long total = 0;
    for (int v = 0; v < n; v++) {
      stakes[v] = 16 + rnd.nextInt(49);
      total += Units.coins(stakes[v]);
    }
    boolean[] byzantine = chooseByzantine(rnd, stakes, rnd.nextDouble() * 0.6);
    long byzantineStake = 0;
    for (int v = 0; v < n; v++) {
      byzantineStake += byzantine[v] ? Units.coins(stakes[v]) : 0;
    }
    int[] side = new int[n]; // honest: 0 = fork A, 1 = fork B
    for (int v = 0; v < n; v++) {
      side[v] = rnd.nextInt(2);
    }
    long switchEpoch = 2 + rnd.nextInt(8); // honest validators may change sides here, as after a heal
    BeaconState[] forks = {fork(stakes), fork(stakes)};
    SlashingProtectionRecord[] protection = new SlashingProtectionRecord[n];
    java.util.Arrays.fill(protection, SlashingProtectionRecord.empty());
    SigningKey[] keys = new SigningKey[n];
    for (int v = 0; v < n; v++) {
      keys[v] = Keys.fromName("accountable-safety", "v" + v);
    }
    Slasher slasher = new Slasher(C);
    long[][] targetBalance = new long[2][64]; // [fork][target epoch]
    long epochs = 6 + rnd.nextInt(7);
    for (long e = 1; e <= epochs; e++) {
      for (int x = 0; x < 2; x++) {
        extendTo(forks[x], x, e);
      }
      if (e == switchEpoch) {
        for (int v = 0; v < n; v++) {
          if (!byzantine[v] && rnd.nextInt(4) == 0) {
            side[v] ^= 1;
          }
        }
      }
      for (int v = 0; v < n; v++) {
        List<Integer> votesOn = new ArrayList<>();
        if (byzantine[v]) {
          switch (rnd.nextInt(8)) {
            case 0 -> { } // offline
            case 1 -> votesOn.add(0);
            case 2 -> votesOn.add(1);
            default -> { // both forks at once: a double vote, or a surround across the forks' histories
              votesOn.add(0);
              votesOn.add(1);
            }
          }
        } else if (rnd.nextInt(10) != 0) { // honest, online nine times in ten
          votesOn.add(side[v]);
        }
        for (int x : votesOn) {
          Checkpoint source = forks[x].currentJustified();
          Checkpoint target = new Checkpoint(e, rootOf(x, C.startSlot(e)));
          if (!byzantine[v]) {
            Optional<SlashingProtectionRecord> next = protection[v].maySignAttestation(source.epoch(), e);
            if (next.isEmpty()) {
              continue; // an honest validator refuses what it may not sign
            }
            protection[v] = next.get();
          }
          Attestation a = Attestation.sign(keys[v], v, new AttestationData(C.startSlot(e), 0, target.root(), source,
              target));
          slasher.onAttestation(a);
          targetBalance[x][(int) e] += Units.coins(stakes[v]);
        }
      }
      if (e >= 2) { // CONSENSUS.md §5.5 step 1 skips the first two epochs
        for (int x = 0; x < 2; x++) {
          EpochProcessing.weighJustificationAndFinalization(forks[x], total, targetBalance[x][(int) e - 1],
              targetBalance[x][(int) e], C);
        }
      }
    }
    Checkpoint finalizedA = forks[0].finalized();
    Checkpoint finalizedB = forks[1].finalized();
    boolean conflicting = finalizedA.epoch() > 0 && finalizedB.epoch() > 0; // the forks share only genesis
    SortedSet<Long> named = slasher.offenders();
    long namedStake = 0;
    for (long v : named) {
      assertThat(byzantine[(int) v]).as("run %d: honest v%d named by the slasher", run, v).isTrue();
      namedStake += Units.coins(stakes[(int) v]);
    }
    return new Outcome(byzantineStake * 3 < total, conflicting, namedStake, total);
  }

  /** Byzantine validators, drawn in random order until their stake reaches {@code fraction} of the total. */
  private static boolean[] chooseByzantine(SplittableRandom rnd, long[] stakes, double fraction) {
    int n = stakes.length;
    long total = 0;
    for (long s : stakes) {
      total += s;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    boolean[] byzantine = new boolean[n];
    long chosen = 0;
    for (int i = 0; i < n && chosen < fraction * total; i++) {
      byzantine[order[i]] = true;
      chosen += stakes[order[i]];
    }
    return byzantine;
  }

  private static BeaconState fork(long[] stakes) {
    BeaconState s = TestStates.state(C, 1, stakes);
    s.setBlockRootAt(0, TestStates.GENESIS_ROOT);
    return s;
  }

  /** Fork {@code x}'s block at {@code slot}: the forks share only the genesis block at slot 0. */
  private static Hash32 rootOf(int x, long slot) {
    return slot == 0 ? TestStates.GENESIS_ROOT : TestStates.hash("fork-" + x + "-slot-" + slot);
  }

  /** Moves the fork to the last slot of {@code epoch}, with a block at every slot before it. */
  private static void extendTo(BeaconState s, int x, long epoch) {
    long last = C.startSlot(epoch + 1) - 1;
    for (long slot = Math.max(1, s.slot() - 1); slot < last; slot++) {
      s.setBlockRootAt((int) (slot % C.slotsPerHistoricalRoot()), rootOf(x, slot));
    }
    s.setSlot(last);
  }
}
