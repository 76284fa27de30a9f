package io.actorchain.tests.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.core.pow.BlockTree;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.pos.ValidatorActor;
import io.actorchain.node.store.NodeStores;
import io.actorchain.node.store.StoredBlock;
import io.actorchain.tests.fixture.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's data dir (ARCHITECTURE.md, "Process faults"): a node process writes its chain and its validators' slashing
 * protection records into RocksDB and is killed with {@code kill -9}, no shutdown path run; reopened, the data dir holds
 * every block it imported, its finalized checkpoint and every record, its chain reloads to the same head and finality,
 * and a validator restarted from it refuses to sign a second vote for the last target epoch it voted for.
 */
class NodeDataDirTest {
  static final long EPOCHS = 5;
  static final Duration WRITER_TIMEOUT = Duration.ofSeconds(120);

  static ActorTestKit kit;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create("node-data-dir",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load("application-test")));
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  @Test
  void shouldReloadTheChainAndRefuseASlashableVoteAfterKillNine() throws Exception {
    Path dataDir = tmp.resolve("node-0");
    Map<String, String> had = runWriterAndKillIt(dataDir);
    Hash32 head = Hash32.fromHex(had.get("head"));
    String[] finalized = had.get("finalized").split(":");
    Checkpoint finalizedCheckpoint = new Checkpoint(Long.parseLong(finalized[0]), Hash32.fromHex(finalized[1]));
    assertThat(finalizedCheckpoint.epoch()).as("the writer finalized something").isGreaterThanOrEqualTo(2);
    long now = Long.parseLong(had.get("now"));
    ChainSettings settings = DataDirWriter.network().settings();
    ConsensusConfig config = settings.consensus().config();

    try (NodeStores stores = NodeStores.open(dataDir)) {
      List<StoredBlock> blocks = stores.chain().loadBlocks();
      assertThat(blocks).as("every block, parents first").isNotEmpty().last().extracting(StoredBlock::root)
          .isEqualTo(head);
      assertThat(stores.chain().finalized()).contains(finalizedCheckpoint);
      for (int v = 0; v < DataDirWriter.VALIDATORS; v++) {
        String[] r = had.get("v" + v).split(",");
        assertThat(stores.protection().load("v" + v)).as("the record of v%d", v).contains(new SlashingProtectionRecord(
            Long.parseLong(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2])));
      }

      NodeContext node = new NodeContext(0, () -> now, kit.system().ignoreRef(), settings, 9, new TransitionMemo(),
          stores);
      ActorRef<ChainActor.Command> chain = kit.spawn(ChainActor.create(node,
          new BlockTree(settings.genesisBlock(), settings.genesisState(), settings.pow())));
      TestProbe<PosCommand.PosStatus> status = kit.createTestProbe();
      chain.tell(new PosCommand.GetPosStatus(status.ref()));
      PosCommand.PosStatus reloaded = status.receiveMessage(Duration.ofSeconds(30));
      assertThat(reloaded.headRoot()).as("the head it had").isEqualTo(head);
      assertThat(reloaded.headSlot()).isEqualTo(Long.parseLong(had.get("slot")));
      assertThat(reloaded.finalized()).as("what it had finalized").isEqualTo(finalizedCheckpoint);
      kit.stop(chain);

      SlashingProtectionRecord record = stores.protection().load("v0").orElseThrow();
      TestProbe<ChainActor.Command> signed = kit.createTestProbe();
      TestProbe<MempoolActor.Command> mempool = kit.createTestProbe();
      ActorRef<ValidatorActor.Command> v0 = kit.spawn(ValidatorActor.create(node, "v0", config, signed.ref(),
          mempool.ref()));
      Checkpoint source = new Checkpoint(record.lastSourceEpoch(), finalizedCheckpoint.root());
      AttestationData again = new AttestationData(config.startSlot(record.lastTargetEpoch()) + 1, 0,
          Sha256.hash("another head".getBytes(StandardCharsets.US_ASCII)), source,
          new Checkpoint(record.lastTargetEpoch(), head));
      AttestationData next = new AttestationData(config.startSlot(record.lastTargetEpoch() + 1), 0, head, source,
          new Checkpoint(record.lastTargetEpoch() + 1, head));
      v0.tell(new ValidatorActor.Attest(again, 0));
      v0.tell(new ValidatorActor.Attest(next, 0));
      PosCommand.ImportAttestation first = signed.expectMessageClass(PosCommand.ImportAttestation.class);
      assertThat(first.attestation().data()).as("a second vote for target epoch %d is refused; the next one is signed",
          record.lastTargetEpoch()).isEqualTo(next);
      kit.stop(v0);
      assertThat(stores.protection().load("v0")).contains(new SlashingProtectionRecord(record.lastSignedBlockSlot(),
          record.lastSourceEpoch(), record.lastTargetEpoch() + 1));
    }
  }

  @Test
  void shouldRefuseADataDirMadeUnderAnotherGenesis() throws Exception {
    Path dataDir = tmp.resolve("other-genesis");
    try (NodeStores stores = NodeStores.open(dataDir)) {
      stores.chain().requireGenesis("0123456789abcdef");
    }
    int port = freePort();
    Cli.Outcome run = Cli.run("node", "--id", "1", "--port", Integer.toString(port), "--seed-node",
        "127.0.0.1:" + port, "--http-port", "0", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).singleElement().asString()
        .startsWith("actorchain: data dir " + dataDir + " belongs to another genesis (digest 0123456789abcdef, this"
            + " node's is ")
        .endsWith("): use a fresh --data-dir, or start with the genesis it was made for");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Runs {@link DataDirWriter} on {@code dataDir}, reads what it had, and kills it with SIGKILL. */
  private static Map<String, String> runWriterAndKillIt(Path dataDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        DataDirWriter.class.getName(), dataDir.toString(), Long.toString(EPOCHS))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ExecutorService reader = Executors.newSingleThreadExecutor(); // not the common pool: other tests may hold it
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.submit(() -> haveLine(out)).get(WRITER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(line).as("the writer's report").isNotNull().startsWith("have ");
      Map<String, String> had = new TreeMap<>();
      for (String field : line.substring("have ".length()).split(" ")) {
        String[] kv = field.split("=", 2);
        had.put(kv[0], kv[1]);
      }
      return had;
    } finally {
      writer.destroyForcibly(); // SIGKILL: no shutdown hook, no store closed
      reader.shutdownNow();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("the writer was killed").isTrue();
    }
  }

  private static String haveLine(BufferedReader in) {
    try {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        if (l.startsWith("have ") || l.startsWith("failed ")) {
          return l;
        }
      }
      return null;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
