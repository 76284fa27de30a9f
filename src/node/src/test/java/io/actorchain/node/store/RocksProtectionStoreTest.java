package io.actorchain.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rocksdb.RocksDBException;

class RocksProtectionStoreTest extends ProtectionStoreContract {
  @TempDir
  Path dataDir;

  @Override
  protected ProtectionStore newStore() {
    return RocksProtectionStore.open(dataDir);
  }

  @Test
  void shouldKeepEveryRecordAcrossReopen() {
    store.save("alice", new SlashingProtectionRecord(40, 4, 5));
    store.save("bob", new SlashingProtectionRecord(-1, 0, 1));
    store.close();

    store = RocksProtectionStore.open(dataDir);

    assertThat(store.load("alice")).contains(new SlashingProtectionRecord(40, 4, 5));
    assertThat(store.load("bob")).contains(new SlashingProtectionRecord(-1, 0, 1));
    assertThat(store.location()).isEqualTo(dataDir.toString());
    assertThat(dataDir.resolve("protection").resolve("CURRENT")).exists();
  }

  static Stream<byte[]> corruptValues() {
    byte[] negative = new SlashingProtectionRecord(1, 1, 1).canonical();
    negative[0] = (byte) 0xfe; // lastSignedBlockSlot = -2 as u64le
    Arrays.fill(negative, 1, 8, (byte) 0xff);
    return Stream.of(Arrays.copyOf(new SlashingProtectionRecord(1, 1, 1).canonical(), 23), new byte[25], negative);
  }

  @ParameterizedTest
  @MethodSource("corruptValues")
  void shouldNameTheValidatorAndTheDataDirWhenARecordIsCorrupt(byte[] corrupt) throws RocksDBException {
    store.save("v3", new SlashingProtectionRecord(7, 1, 2));
    store.close();
    try (RocksHandle raw = RocksHandle.open(dataDir, RocksProtectionStore.SUBDIR,
        List.of(RocksProtectionStore.RECORDS))) {
      raw.db().put(raw.family(RocksProtectionStore.RECORDS), RocksProtectionStore.key("v3"), corrupt);
    }
    store = RocksProtectionStore.open(dataDir);

    assertThatThrownBy(() -> store.load("v3"))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("the slashing-protection record of validator v3 in data dir " + dataDir
            + " is corrupt (");
    assertThat(store.load("v4")).as("other validators still load").isEmpty();
  }
}
