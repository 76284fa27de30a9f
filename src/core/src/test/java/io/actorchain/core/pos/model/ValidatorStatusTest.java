package io.actorchain.core.pos.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.Units;
import io.actorchain.core.pos.ConsensusConfig;
import org.junit.jupiter.api.Test;

/**
 * A validator's status at an epoch, from its registry entry (CONSENSUS.md §5.3, §5.5): pending before its activation
 * epoch, active from it until its exit epoch, then exited, or ejected if its effective balance is at or below
 * EJECTION_BALANCE (16 coins in the minimal preset); slashed whatever else holds.
 */
class ValidatorStatusTest {
  private static final long FAR = ConsensusConfig.FAR_FUTURE_EPOCH;
  private static final ConsensusConfig MINIMAL = ConsensusConfig.minimal();
  private static final long EJECTION = MINIMAL.ejectionBalance();

  private static Validator validator(long effectiveBalance, boolean slashed, long activation, long exit) {
    return new Validator(TestKeys.VALIDATOR_0.publicKey(), effectiveBalance, slashed, 0, activation, exit,
        exit == FAR ? FAR : exit + 256);
  }

  private static String status(Validator v, long epoch) {
    return ValidatorStatus.of(v, epoch, MINIMAL).label();
  }

  @Test
  void shouldBePendingBeforeItsActivationEpochAndActiveFromIt() {
    Validator v = validator(Units.coins(32), false, 2, FAR);

    assertThat(status(v, 1)).isEqualTo("pending");
    assertThat(status(v, 2)).isEqualTo("active");
    assertThat(status(v.withActivationEpoch(FAR), 1)).as("activation not scheduled").isEqualTo("pending");
    assertThat(status(v.withActivationEpoch(FAR), 0)).isEqualTo("pending");
  }

  @Test
  void shouldBeActiveUntilTheEpochBeforeItsExitEpochAndExitedFromIt() {
    Validator v = validator(Units.coins(32), false, 0, 5);

    assertThat(status(v, 4)).as("exit scheduled, not reached").isEqualTo("active");
    assertThat(status(v, 5)).as("the exit epoch itself").isEqualTo("exited");
    assertThat(status(v, 6)).isEqualTo("exited");
  }

  @Test
  void shouldCallAnExitAtOrBelowTheEjectionBalanceAnEjection() {
    assertThat(status(validator(EJECTION + 1, false, 0, 4), 4)).isEqualTo("exited");
    assertThat(status(validator(EJECTION, false, 0, 4), 4)).as("exactly EJECTION_BALANCE").isEqualTo("ejected");
    assertThat(status(validator(EJECTION - Units.coins(1), false, 0, 4), 9)).isEqualTo("ejected");
    assertThat(status(validator(EJECTION, false, 0, 4), 3)).as("exit not reached yet").isEqualTo("active");
    assertThat(status(validator(EJECTION, false, 2, FAR), 1)).as("not active yet").isEqualTo("pending");
  }

  @Test
  void shouldSaySlashedWhateverTheBalanceAndEpochs() {
    assertThat(status(validator(EJECTION, true, 0, 4), 5)).isEqualTo("slashed");
    assertThat(status(validator(Units.coins(31), true, 0, 9), 5)).as("before its exit epoch").isEqualTo("slashed");
    assertThat(status(validator(Units.coins(31), true, 0, 9), 9)).as("at its exit epoch").isEqualTo("slashed");
  }

  @Test
  void shouldKeepTheLiveViewsFourStatusesWithoutTheConfig() {
    Validator v = validator(EJECTION, false, 2, 5);

    assertThat(ValidatorStatus.of(v, 1)).isEqualTo(ValidatorStatus.PENDING);
    assertThat(ValidatorStatus.of(v, 2)).isEqualTo(ValidatorStatus.ACTIVE);
    assertThat(ValidatorStatus.of(v, 5)).as("no ejection without the config").isEqualTo(ValidatorStatus.EXITED);
    assertThat(ValidatorStatus.of(v.withSlashed(true), 3)).isEqualTo(ValidatorStatus.SLASHED);
  }
}
