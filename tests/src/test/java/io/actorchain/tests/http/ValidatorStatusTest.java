package io.actorchain.tests.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.Units;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.node.view.ValidatorStatus;
import org.junit.jupiter.api.Test;

/**
 * The status {@code GET /api/validators} gives each validator (CONSENSUS.md §5.3, §5.5), read from its registry entry
 * at an epoch: an exit because the effective balance fell to EJECTION_BALANCE is an ejection, any other a plain exit.
 */
class ValidatorStatusTest {
  static final long FAR = ConsensusConfig.FAR_FUTURE_EPOCH;
  static final long EJECTION = ConsensusConfig.minimal().ejectionBalance();

  private static Validator validator(long effectiveCoins, boolean slashed, long activation, long exit) {
    return new Validator(Keys.fromName("test", "v").publicKey(), Units.coins(effectiveCoins), slashed, 0, activation,
        exit, exit == FAR ? FAR : exit + 256);
  }

  private static String status(Validator v, long epoch) {
    return ValidatorStatus.of(v, epoch, EJECTION).label();
  }

  @Test
  void shouldBeActiveFromItsActivationEpochUntilItsExitEpoch() {
    assertThat(status(validator(32, false, 0, FAR), 7)).isEqualTo("active");
    assertThat(status(validator(32, false, 5, FAR), 3)).isEqualTo("pending");
    assertThat(status(validator(32, false, 0, 9), 8)).as("exit scheduled, not reached").isEqualTo("active");
  }

  @Test
  void shouldTellAnEjectionFromAVoluntaryExit() {
    assertThat(status(validator(31, false, 0, 4), 5)).isEqualTo("exited");
    assertThat(status(validator(16, false, 0, 4), 5)).isEqualTo("ejected");
    assertThat(status(validator(15, false, 0, 4), 4)).isEqualTo("ejected");
  }

  @Test
  void shouldSaySlashedWhateverTheBalance() {
    assertThat(status(validator(16, true, 0, 4), 5)).isEqualTo("slashed");
    assertThat(status(validator(31, true, 0, 9), 5)).isEqualTo("slashed");
  }

  @Test
  void shouldKeepTheLiveViewsFourStatusesWithoutTheEjectionBalance() {
    assertThat(ValidatorStatus.of(validator(16, false, 0, 4), 5).label()).isEqualTo("exited");
  }
}
