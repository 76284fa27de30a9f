package io.actorchain.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoresTest {
  @TempDir
  Path tmp;

  @Test
  void shouldKeepBothStoresUnderTheDataDirAcrossReopen() {
    Path dataDir = tmp.resolve("node-1");
    Checkpoint finalized = new Checkpoint(3, Blocks.beacon(24, Hash32.ZERO).root());
    try (NodeStores stores = NodeStores.open(dataDir)) {
      assertThat(stores.dataDir()).contains(dataDir);
      stores.chain().putPowBlock(Blocks.pow(0, Hash32.ZERO, 0));
      stores.chain().putFinalized(finalized);
      stores.protection().save("v0", new SlashingProtectionRecord(25, 2, 3));
    }
    assertThat(dataDir.resolve("chain")).isDirectory();
    assertThat(dataDir.resolve("protection")).isDirectory();

    try (NodeStores stores = NodeStores.open(dataDir)) {
      assertThat(stores.protection().load("v0")).contains(new SlashingProtectionRecord(25, 2, 3));
      assertThat(stores.chain().finalized()).contains(finalized);
      assertThat(Blocks.roots(stores.chain().loadBlocks())).containsExactly(Blocks.pow(0, Hash32.ZERO, 0).hash());
    }
  }

  @Test
  void shouldRefuseADataDirThatAnotherProcessHolds() throws Exception {
    Path dataDir = tmp.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HoldDataDir.class.getName(), dataDir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      assertThat(line).isEqualTo("open " + dataDir);

      assertThatThrownBy(() -> NodeStores.open(dataDir))
          .isInstanceOf(StoreException.class)
          .hasMessage("data dir " + dataDir + " is in use by another process (RocksDB lock)");

      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).as("the holder exits when its stdin ends").isTrue();
      assertThat(holder.exitValue()).isZero();
      try (NodeStores stores = NodeStores.open(dataDir)) {
        assertThat(stores.protection().load("v0")).isEmpty();
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldRefuseADataDirThisJvmHoldsAndReleaseWhatItOpenedOnTheWay() {
    Path dataDir = tmp.resolve("node-2");
    // Only the chain is held: NodeStores.open gets the protection store, fails on the chain, and must let go of both.
    try (RocksChainStore held = RocksChainStore.open(dataDir)) {
      assertThatThrownBy(() -> NodeStores.open(dataDir))
          .isInstanceOf(StoreException.class)
          .hasMessage("data dir " + dataDir + " is in use by another process (RocksDB lock)");
      assertThat(held.blockCount()).isZero();
    }
    try (NodeStores stores = NodeStores.open(dataDir)) {
      stores.protection().save("v1", SlashingProtectionRecord.empty());
      assertThat(stores.protection().load("v1")).contains(SlashingProtectionRecord.empty());
    }
  }

  @Test
  void shouldRefuseADataDirThatIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> NodeStores.open(file))
        .isInstanceOf(StoreException.class).hasMessage("data dir " + file + " is not a directory");
    assertThatThrownBy(() -> NodeStores.open(file.resolve("node-1")))
        .isInstanceOf(StoreException.class).hasMessageStartingWith("data dir " + file.resolve("node-1")
            + " cannot be created: ");
  }

  @Test
  void shouldRefuseADataDirItCannotWrite() throws IOException {
    Path dataDir = Files.createDirectory(tmp.resolve("read-only"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(dataDir), "this user (root?) can write a read-only directory");
      assertThatThrownBy(() -> NodeStores.open(dataDir))
          .isInstanceOf(StoreException.class).hasMessageStartingWith("data dir " + dataDir + " ");
    } finally {
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void shouldKeepBothStoresInMemoryForEmbeddedRuns() {
    try (NodeStores stores = NodeStores.inMemory()) {
      assertThat(stores.dataDir()).isEmpty();
      assertThat(stores.chain()).isInstanceOf(MemoryChainStore.class);
      stores.protection().save("v2", new SlashingProtectionRecord(1, 0, 0));
      assertThat(stores.protection().load("v2")).contains(new SlashingProtectionRecord(1, 0, 0));
      assertThat(stores.chain().location()).isEqualTo("memory");
    }
  }
}
