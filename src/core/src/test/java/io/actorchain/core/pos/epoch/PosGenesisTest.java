package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.PosGenesis.GenesisValidator;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PosGenesisTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final Hash32 T = TestStates.hash("terminal");
  private static final long FAR = ConsensusConfig.FAR_FUTURE_EPOCH;

  @Test
  void shouldActivateEveryValidatorAtEpochZeroWithWholeCappedEffectiveBalances() {
    List<GenesisValidator> vs = List.of(new GenesisValidator(TestStates.pubkey(0), coins(100) + 500_000_000L),
        new GenesisValidator(TestStates.pubkey(1), coins(3000)), new GenesisValidator(TestStates.pubkey(2), coins(32)));
    BeaconState s = PosGenesis.create(vs, T, 1_700_000_000_500L, Accounts.empty(), 1, C);

    assertThat(s.validators()).containsExactly(
        new Validator(TestStates.pubkey(0), coins(100), false, 0, 0, FAR, FAR),
        new Validator(TestStates.pubkey(1), coins(2048), false, 0, 0, FAR, FAR),
        new Validator(TestStates.pubkey(2), coins(32), false, 0, 0, FAR, FAR));
    assertThat(s.balance(0)).isEqualTo(coins(100) + 500_000_000L);
    assertThat(s.balance(1)).isEqualTo(coins(3000));
    assertThat(Accessors.activeValidatorIndices(s, 0)).containsExactly(0, 1, 2);
    assertThat(s.previousEpochParticipation(1)).isZero();
    assertThat(s.currentEpochParticipation(1)).isZero();
    assertThat(s.inactivityScore(1)).isZero();
  }

  @Test
  void shouldAnchorTheChainOnTheTerminalBlock() {
    Accounts accounts = Accounts.of(List.of(new Account(Address.of(TestStates.pubkey(9)), 5, 0)));
    BeaconState s = PosGenesis.create(List.of(new GenesisValidator(TestStates.pubkey(0), coins(32))), T,
        1_700_000_000_500L, accounts, 7, C);

    assertThat(s.slot()).isZero();
    assertThat(s.genesisRoot()).isEqualTo(T);
    assertThat(s.latestBlockHeader()).isNull();
    assertThat(s.latestBlockRoot()).isEqualTo(T);
    assertThat(s.randaoMixesLength()).isEqualTo(64);
    for (int i = 0; i < 64; i++) {
      assertThat(s.randaoMixAt(i)).isEqualTo(T);
      assertThat(s.blockRootAt(i)).isEqualTo(Hash32.ZERO);
      assertThat(s.slashingsAt(i)).isZero();
    }
    Checkpoint anchor = new Checkpoint(0, T);
    assertThat(s.previousJustified()).isEqualTo(anchor);
    assertThat(s.currentJustified()).isEqualTo(anchor);
    assertThat(s.finalized()).isEqualTo(anchor);
    assertThat(s.justificationBits()).isZero();
    assertThat(s.accounts()).isEqualTo(accounts);
    assertThat(s.baseFee()).isEqualTo(7);
  }

  @Test
  void shouldStartTwoSlotsAfterTheTerminalBlockRoundedUpToAWholeSecond() {
    assertThat(PosGenesis.genesisTime(1_700_000_000_500L, C)).isEqualTo(1_700_000_003L);
    assertThat(PosGenesis.genesisTime(1_700_000_000_000L, C)).isEqualTo(1_700_000_002L);
    assertThat(PosGenesis.genesisTime(1_700_000_000_001L, ConsensusConfig.mainnet())).isEqualTo(1_700_000_025L);
    BeaconState s = PosGenesis.create(List.of(new GenesisValidator(TestStates.pubkey(0), coins(32))), T,
        1_700_000_000_500L, Accounts.empty(), 1, C);
    assertThat(s.genesisTime()).isEqualTo(1_700_000_003L);
  }

  @Test
  void shouldRejectARepeatedPubkeyAndAnEmptyRegistry() {
    List<GenesisValidator> twice = List.of(new GenesisValidator(TestStates.pubkey(0), coins(32)),
        new GenesisValidator(TestStates.pubkey(0), coins(32)));
    assertThatThrownBy(() -> PosGenesis.create(twice, T, 0, Accounts.empty(), 1, C))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats pubkey");
    assertThatThrownBy(() -> PosGenesis.create(List.of(), T, 0, Accounts.empty(), 1, C))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one validator");
  }
}
