package io.actorchain.tests.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorchain.tests.audit.EpochLine.ValidatorLine;
import io.actorchain.tests.audit.TransitionAudit.Justification;
import io.actorchain.tests.audit.TransitionAudit.TargetBalances;
import io.actorchain.tests.audit.TransitionAudit.ValidatorOutcome;
import io.actorchain.tests.fixture.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code epochs.jsonl} audit: for a 6-epoch honest run, every transition's justification, finalization,
 * balances and effective balances are recomputed from the line's Before fields and flags (CONSENSUS.md §5.5, in
 * {@link TransitionAudit}) and compared with what the line says happened, for every validator of every transition
 * of every node. The roots of newly justified checkpoints come from {@code events.jsonl}: the block each node
 * imported at the epoch's start slot.
 */
class EpochsAuditTest {
  static final int NODES = 4;
  static final int VALIDATORS = 16;
  static final long EPOCHS = 6;

  @TempDir
  Path tmp;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldRecomputeEveryTransitionOfAnHonestRunFromItsBeforeFields() throws Exception {
    Audit audit = audit("fast-links", "50ms", "20ms");

    assertThat(audit.lastFinalizedEpoch()).as("an honest run finalizes").isGreaterThanOrEqualTo(3);
    assertThat(audit.flagRewards()).as("every duty of epochs 0..4 paid").isEqualTo(3 * VALIDATORS * NODES * 5);
  }

  /**
   * Links slower than {@code SECONDS_PER_SLOT / 3} make honest votes miss the head or the target, or land too late
   * for SOURCE, so the same audit also covers the penalty side of step 3 and a non-trivial inactivity update.
   */
  @Test
  void shouldRecomputeThePenaltiesOfAnHonestRunOnSlowLinks() throws Exception {
    Audit audit = audit("slow-links", "300ms", "250ms");

    assertThat(audit.flagPenalties()).as("honest votes that missed SOURCE or TARGET were penalized").isPositive();
    assertThat(audit.missedHead()).as("honest votes that missed the head").isPositive();
  }

  /** What one run's audit covered: the summary line's counts. */
  record Audit(int transitions, int validatorTransitions, long lastJustifiedEpoch, long lastFinalizedEpoch,
      int flagRewards, int flagPenalties, int missedHead, int inactivityPenalties, int effectiveBalanceChanges) {}

  private Audit audit(String name, String latencyMean, String latencyJitter) throws Exception {
    Path out = tmp.resolve(name);
    Cli.Outcome run = Cli.run("simulate", scenario(name, latencyMean, latencyJitter).toString(), "--trace", "--out",
        out.toString(), "--quiet");
    assertThat(run.exitCode()).as(String.join("\n", run.stdout()) + String.join("\n", run.stderr())).isZero();

    List<EpochLine> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve("epochs.jsonl"))) {
      lines.add(EpochLine.of(json.readTree(l)));
    }
    BlockRoots roots = BlockRoots.of(Files.readAllLines(out.resolve("events.jsonl")), json);

    for (int node = 0; node < NODES; node++) {
      int n = node;
      assertThat(lines.stream().filter(l -> l.node() == n).map(EpochLine::epoch))
          .as("node %d has one transition per epoch 0..%d, in order", node, EPOCHS - 1)
          .containsExactlyElementsOf(LongStream.range(0, EPOCHS).boxed().toList());
    }
    assertThat(lines).hasSize(NODES * (int) EPOCHS);

    SoftAssertions soft = new SoftAssertions();
    Map<Integer, EpochLine> previousLineOf = new TreeMap<>();
    int flagRewards = 0;
    int flagPenalties = 0;
    int missedHead = 0;
    int inactivityPenalties = 0;
    int effectiveBalanceChanges = 0;
    for (EpochLine line : lines) {
      assertHonestRegistry(soft, line);
      TargetBalances balances = TransitionAudit.targetBalances(line);
      soft.assertThat(line.totalActiveBalance()).as("%s: totalActiveBalance", line)
          .isEqualTo(balances.totalActiveBalance());
      soft.assertThat(line.previousTargetBalance()).as("%s: previousTargetBalance", line)
          .isEqualTo(balances.previousTargetBalance());
      soft.assertThat(line.currentTargetBalance()).as("%s: currentTargetBalance", line)
          .isEqualTo(balances.currentTargetBalance());

      LongFunction<String> blockRoot = e -> roots.blockRoot(line.node(), e);
      Justification j = TransitionAudit.justificationAndFinalization(line, balances, blockRoot);
      soft.assertThat(line.bits()).as("%s: bits (before %s)", line, line.bitsBefore())
          .isEqualTo(j.bits());
      soft.assertThat(line.previousJustified()).as("%s: previousJustified", line).isEqualTo(j.previousJustified());
      soft.assertThat(line.currentJustified()).as("%s: currentJustified", line).isEqualTo(j.currentJustified());
      soft.assertThat(line.finalized()).as("%s: finalized", line).isEqualTo(j.finalized());

      boolean inLeak = TransitionAudit.inLeak(line.epoch(), j.finalized());
      soft.assertThat(line.inLeak()).as("%s: inLeak", line).isEqualTo(inLeak);

      List<ValidatorOutcome> expected = TransitionAudit.validators(line, balances.totalActiveBalance(), inLeak);
      for (ValidatorLine v : line.validators()) {
        ValidatorOutcome x = expected.get(v.index());
        soft.assertThat(v.inactivityScore()).as("%s, %s: inactivityScore (before %d)", line, v.name(),
            v.inactivityScoreBefore()).isEqualTo(x.inactivityScore());
        soft.assertThat(v.balance()).as("%s, %s: balance (before %d, flags %d)", line, v.name(), v.balanceBefore(),
            v.previousFlags()).isEqualTo(x.balance());
        soft.assertThat(v.effectiveBalance()).as("%s, %s: effectiveBalance (before %d)", line, v.name(),
            v.effectiveBalanceBefore()).isEqualTo(x.effectiveBalance());
        flagRewards += x.flagRewards();
        flagPenalties += x.flagPenalties();
        missedHead += line.epoch() > 0 && (v.previousFlags() & 4) == 0 ? 1 : 0;
        inactivityPenalties += x.inactivityPenalty() ? 1 : 0;
        effectiveBalanceChanges += x.effectiveBalance() != v.effectiveBalanceBefore() ? 1 : 0;
      }
      EpochLine earlier = previousLineOf.put(line.node(), line);
      if (earlier != null) {
        assertContinuity(soft, earlier, line);
      }
    }
    soft.assertAll();

    EpochLine last = lines.get(lines.size() - 1);
    Audit audit = new Audit(lines.size(), lines.size() * VALIDATORS, last.currentJustified().epoch(),
        last.finalized().epoch(), flagRewards, flagPenalties, missedHead, inactivityPenalties,
        effectiveBalanceChanges);
    System.out.printf("epochs.jsonl audit (%s, %s ± %s): %d transitions (%d nodes × epochs 0..%d), %d validator "
            + "transitions; justification, finalization, target balances, inLeak, inactivity scores, balances and "
            + "effective balances all recomputed and equal; justified %d, finalized %d; %d flag rewards, %d flag "
            + "penalties, %d missed heads, %d inactivity penalties, %d effective-balance changes%n", name,
        latencyMean, latencyJitter, audit.transitions(), NODES, EPOCHS - 1, audit.validatorTransitions(),
        audit.lastJustifiedEpoch(), audit.lastFinalizedEpoch(), audit.flagRewards(), audit.flagPenalties(),
        audit.missedHead(), audit.inactivityPenalties(), audit.effectiveBalanceChanges());
    return audit;
  }

  /** The audit models no deposits, exits or slashings: in an honest run every validator is active from genesis. */
  private static void assertHonestRegistry(SoftAssertions soft, EpochLine line) {
    soft.assertThat(line.validators()).as("%s: validators", line).hasSize(VALIDATORS)
        .allSatisfy(v -> {
          assertThat(v.slashed()).as("%s slashed", v.name()).isFalse();
          assertThat(v.activationEpoch()).as("%s activation", v.name()).isZero();
          assertThat(v.exitEpoch()).as("%s exit", v.name()).isNull();
        });
  }

  /**
   * The Before fields of a transition are what the previous transition left, plus the blocks of the epoch between:
   * those may only pay the proposer (balances up), add flags, and never touch the rest.
   */
  private static void assertContinuity(SoftAssertions soft, EpochLine earlier, EpochLine line) {
    soft.assertThat(line.bitsBefore()).as("%s: bitsBefore", line).isEqualTo(earlier.bits());
    soft.assertThat(List.of(line.previousJustifiedBefore(), line.currentJustifiedBefore(), line.finalizedBefore()))
        .as("%s: checkpoints before", line)
        .isEqualTo(List.of(earlier.previousJustified(), earlier.currentJustified(), earlier.finalized()));
    for (ValidatorLine v : line.validators()) {
      ValidatorLine was = earlier.validators().get(v.index());
      soft.assertThat(v.effectiveBalanceBefore()).as("%s, %s: effectiveBalanceBefore", line, v.name())
          .isEqualTo(was.effectiveBalance());
      soft.assertThat(v.inactivityScoreBefore()).as("%s, %s: inactivityScoreBefore", line, v.name())
          .isEqualTo(was.inactivityScore());
      soft.assertThat(v.balanceBefore()).as("%s, %s: balanceBefore", line, v.name())
          .isGreaterThanOrEqualTo(was.balance());
      soft.assertThat(v.previousFlags() & was.currentFlags()).as("%s, %s: flags of epoch %d only grow", line,
          v.name(), earlier.epoch()).isEqualTo(was.currentFlags());
    }
  }

  private Path scenario(String name, String latencyMean, String latencyJitter) throws Exception {
    Path f = tmp.resolve(name + ".conf");
    Files.writeString(f, """
        scenario {
          name = "%s"
          seed = 7
          preset = minimal
          consensus = pos
          stop { epochs = %d }
          network { nodes = %d, latency { mean = %s, jitter = %s } }
          validators { count = %d, stake = 32 }
          expect = [ { no-conflicting-finality = true }, { head-agreement = true } ]
        }
        """.formatted(name, EPOCHS, NODES, latencyMean, latencyJitter, VALIDATORS));
    return f;
  }

  /**
   * {@code blockRoot(e)} per node from {@code events.jsonl}: the genesis checkpoint's root for epoch 0 (the merge's
   * terminal block), else the block the node imported at the latest slot ≤ {@code e × SLOTS_PER_EPOCH}. That is the
   * canonical one only while the node saw no competing block at that slot, which the lookup insists on.
   */
  record BlockRoots(Map<Integer, String> genesis, Map<Integer, TreeMap<Long, List<String>>> imported) {
    static BlockRoots of(List<String> events, ObjectMapper json) throws Exception {
      Map<Integer, String> genesis = new TreeMap<>();
      Map<Integer, TreeMap<Long, List<String>>> imported = new TreeMap<>();
      for (String l : events) {
        JsonNode e = json.readTree(l);
        int node = e.get("node").asInt();
        switch (e.get("type").asText()) {
          case "merge" -> genesis.put(node, e.get("terminalHash").asText());
          case "block_imported" -> imported.computeIfAbsent(node, k -> new TreeMap<>())
              .computeIfAbsent(e.get("slot").asLong(), k -> new ArrayList<>()).add(e.get("root").asText());
          default -> { }
        }
      }
      return new BlockRoots(genesis, imported);
    }

    String blockRoot(int node, long epoch) {
      if (epoch == 0) {
        return genesis.get(node);
      }
      Map.Entry<Long, List<String>> latest = imported.getOrDefault(node, new TreeMap<>())
          .floorEntry(epoch * TransitionAudit.SLOTS_PER_EPOCH);
      if (latest == null) {
        return genesis.get(node);
      }
      assertThat(latest.getValue()).as("node %d imported one block at slot %d (the audit reads blockRoot(%d) from it)",
          node, latest.getKey(), epoch).hasSize(1);
      return latest.getValue().get(0);
    }
  }
}
