package io.actorchain.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pow.PowBlock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ChainStore} contract: every implementation runs these same tests (as Ratis runs one suite per transport). */
abstract class ChainStoreContract {
  protected ChainStore store;

  /** A fresh, empty store. */
  protected abstract ChainStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void shouldReadBackEveryBlockInTheOrderItWasPut() {
    PowBlock genesis = Blocks.pow(0, Hash32.ZERO, 0);
    PowBlock one = Blocks.pow(1, genesis.hash(), 7);
    BeaconBlock slot1 = Blocks.beacon(1, one.hash());
    BeaconBlock slot2 = Blocks.beacon(2, slot1.root());
    PowBlock late = Blocks.pow(2, one.hash(), 9);

    assertThat(store.putPowBlock(genesis)).isTrue();
    assertThat(store.putPowBlock(one)).isTrue();
    assertThat(store.putBeaconBlock(slot1)).isTrue();
    assertThat(store.putBeaconBlock(slot2)).isTrue();
    assertThat(store.putPowBlock(late)).isTrue();

    List<StoredBlock> back = store.loadBlocks();
    assertThat(Blocks.roots(back)).containsExactly(genesis.hash(), one.hash(), slot1.root(), slot2.root(), late.hash());
    assertThat(back.get(0)).isEqualTo(new StoredBlock.Pow(genesis));
    assertThat(((StoredBlock.Pow) back.get(1)).block().canonical()).isEqualTo(one.canonical());
    assertThat(((StoredBlock.Beacon) back.get(3)).block().canonical()).isEqualTo(slot2.canonical());
    assertThat(store.blockCount()).isEqualTo(5);
    assertThat(store.contains(slot1.root())).isTrue();
    assertThat(store.contains(Blocks.beacon(3, slot2.root()).root())).isFalse();
  }

  @Test
  void shouldStoreABlockOnceWhenItIsPutTwice() {
    PowBlock a = Blocks.pow(0, Hash32.ZERO, 1);
    BeaconBlock b = Blocks.beacon(1, a.hash());
    store.putPowBlock(a);
    store.putBeaconBlock(b);

    assertThat(store.putPowBlock(a)).isFalse();
    assertThat(store.putBeaconBlock(b)).isFalse();
    assertThat(Blocks.roots(store.loadBlocks())).containsExactly(a.hash(), b.root());
    assertThat(store.blockCount()).isEqualTo(2);
  }

  @Test
  void shouldKeepOnlyTheLatestFinalizedCheckpoint() {
    assertThat(store.finalized()).isEmpty();
    Checkpoint first = new Checkpoint(1, Blocks.beacon(8, Hash32.ZERO).root());
    Checkpoint second = new Checkpoint(2, Blocks.beacon(16, Hash32.ZERO).root());
    store.putFinalized(first);
    store.putFinalized(second);
    assertThat(store.finalized()).contains(second);
  }

  @Test
  void shouldKeepMetadataAsItsOwnCopy() {
    byte[] value = {1, 2, 3};
    store.putMeta("genesis-time", value);
    value[0] = 9;
    assertThat(store.meta("genesis-time")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
    store.meta("genesis-time").orElseThrow()[1] = 9;
    assertThat(store.meta("genesis-time")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
    assertThat(store.meta("absent")).isEmpty();
  }

  @Test
  void shouldRejectABlankMetadataKeyNamingIt() {
    assertThatThrownBy(() -> store.putMeta(" ", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("metadata key must be non-blank, got ' '");
    assertThatThrownBy(() -> store.meta(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("metadata key must be non-blank, got null");
  }

  @Test
  void shouldBindToTheFirstGenesisAndRefuseAnother() {
    store.requireGenesis("aa11");
    store.requireGenesis("aa11");
    assertThat(store.meta(ChainStore.GENESIS_DIGEST))
        .hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("aa11"));

    assertThatThrownBy(() -> store.requireGenesis("bb22"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("data dir " + store.location() + " belongs to another genesis")
        .hasMessageContaining("aa11")
        .hasMessageContaining("bb22");
  }

  @Test
  void shouldRefuseUseAfterClose() {
    store.close();
    store.close();
    assertThatThrownBy(() -> store.putPowBlock(Blocks.pow(0, Hash32.ZERO, 0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(store::finalized).isInstanceOf(IllegalStateException.class);
  }
}
