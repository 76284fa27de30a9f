package io.actorchain.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.BeaconBlock;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pow.PowBlock;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

class RocksChainStoreTest extends ChainStoreContract {
  @TempDir
  Path dataDir;

  @Override
  protected ChainStore newStore() {
    return RocksChainStore.open(dataDir);
  }

  private ChainStore reopen() {
    store.close();
    store = RocksChainStore.open(dataDir);
    return store;
  }

  @Test
  void shouldKeepBlocksCheckpointAndMetadataAcrossReopen() {
    PowBlock terminal = Blocks.pow(0, Hash32.ZERO, 3);
    BeaconBlock slot1 = Blocks.beacon(1, terminal.hash());
    Checkpoint finalized = new Checkpoint(0, slot1.root());
    store.putPowBlock(terminal);
    store.putBeaconBlock(slot1);
    store.putFinalized(finalized);
    store.requireGenesis("c0ffee");

    ChainStore again = reopen();

    assertThat(Blocks.roots(again.loadBlocks())).containsExactly(terminal.hash(), slot1.root());
    assertThat(again.loadBlocks().get(1)).isEqualTo(new StoredBlock.Beacon(slot1));
    assertThat(again.finalized()).contains(finalized);
    assertThat(again.blockCount()).isEqualTo(2);
    again.requireGenesis("c0ffee");
    assertThatThrownBy(() -> again.requireGenesis("beef")).isInstanceOf(StoreException.class)
        .hasMessageContaining(dataDir.toString());
  }

  @Test
  void shouldContinueTheInsertionOrderAfterReopen() {
    // Roots out of sorted order, so that a store iterating by root would fail.
    List<PowBlock> first = List.of(Blocks.pow(0, Hash32.ZERO, 0), Blocks.pow(1, Hash32.ZERO, 1), Blocks.pow(2,
        Hash32.ZERO, 2));
    first.forEach(store::putPowBlock);
    BeaconBlock after = Blocks.beacon(5, first.get(2).hash());

    ChainStore again = reopen();
    assertThat(again.putPowBlock(first.get(0))).as("a block stored before the restart").isFalse();
    assertThat(again.putBeaconBlock(after)).isTrue();

    assertThat(Blocks.roots(reopen().loadBlocks()))
        .containsExactly(first.get(0).hash(), first.get(1).hash(), first.get(2).hash(), after.root());
    assertThat(Blocks.roots(store.loadBlocks())).isNotEqualTo(Blocks.roots(store.loadBlocks()).stream().sorted()
        .toList());
  }

  @Test
  void shouldNameTheDataDirAndTheBlockWhenAStoredBlockIsCorrupt() throws RocksDBException {
    store.putPowBlock(Blocks.pow(0, Hash32.ZERO, 0));
    BeaconBlock damaged = Blocks.beacon(1, Hash32.ZERO);
    store.putBeaconBlock(damaged);
    store.close();
    try (RocksHandle raw = RocksHandle.open(dataDir, RocksChainStore.SUBDIR,
        List.of(RocksChainStore.BLOCKS, RocksChainStore.ROOTS, RocksChainStore.META))) {
      byte[] key = ByteBuffer.allocate(Long.BYTES).putLong(1).array();
      byte[] value = raw.db().get(raw.family(RocksChainStore.BLOCKS), key);
      raw.db().put(raw.family(RocksChainStore.BLOCKS), key, Arrays.copyOf(value, value.length - 5));
    }
    store = RocksChainStore.open(dataDir);

    assertThatThrownBy(store::loadBlocks)
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("data dir " + dataDir + ": stored block #1 is corrupt: ");
  }

  @Test
  void shouldCreateTheChainDatabaseUnderTheDataDir() {
    assertThat(dataDir.resolve("chain").resolve("CURRENT")).exists();
    assertThat(store.location()).isEqualTo(dataDir.toString());
  }
}
