package io.actorchain.core.pos.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.Units;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.PosGenesis;
import io.actorchain.core.state.Accounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memoized state root is always exactly {@code H(canonical(state))} (CONSENSUS.md §0), whatever changed. */
class BeaconStateRootTest {
  private static BeaconState genesis(int validators) {
    List<PosGenesis.GenesisValidator> vs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      vs.add(new PosGenesis.GenesisValidator(Keys.fromName("root-test", "v" + i).publicKey(), Units.coins(32)));
    }
    return PosGenesis.create(vs, Sha256.hash(new byte[] {7}), 1_000, Accounts.empty(), 1, ConsensusConfig.minimal());
  }

  private static void assertRootIsHashOfCanonical(BeaconState s) {
    assertThat(s.root()).isEqualTo(Sha256.hash(s.canonical()));
  }

  @Test
  void shouldKeepTheRootEqualToTheHashOfTheCanonicalFormAcrossChanges() {
    BeaconState s = genesis(8);
    assertRootIsHashOfCanonical(s);
    Hash32 before = s.root();

    s.increaseBalance(3, 5);
    assertRootIsHashOfCanonical(s);
    assertThat(s.root()).isNotEqualTo(before);

    Hash32 afterBalance = s.root();
    s.setValidator(2, s.validator(2).withEffectiveBalance(Units.coins(31)));
    assertRootIsHashOfCanonical(s);
    assertThat(s.root()).isNotEqualTo(afterBalance);

    s.addValidator(s.validator(0).withEffectiveBalance(Units.coins(1)), Units.coins(1));
    assertRootIsHashOfCanonical(s);
    s.setSlot(9);
    assertRootIsHashOfCanonical(s);
  }

  @Test
  void shouldNotLetACopysChangesReachTheOriginalsRoot() {
    BeaconState original = genesis(8);
    Hash32 root = original.root();
    BeaconState copy = original.copy();
    assertThat(copy.root()).isEqualTo(root);

    copy.setValidator(0, copy.validator(0).withSlashed(true));
    assertRootIsHashOfCanonical(copy);
    assertThat(copy.root()).isNotEqualTo(root);
    assertThat(original.root()).isEqualTo(root);
    assertRootIsHashOfCanonical(original);
  }

  @Test
  void shouldRoundTripTheCanonicalForm() {
    BeaconState s = genesis(5);
    s.increaseBalance(1, 42);
    BeaconState back = BeaconState.read(new CanonicalReader(s.canonical()));
    assertThat(back.canonical()).isEqualTo(s.canonical());
    assertThat(back.root()).isEqualTo(s.root());
  }
}
