package io.actorchain.tests.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.actorchain.core.Units;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.block.TransitionMemo;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.protection.SlashingProtectionRecord;
import io.actorchain.node.NodeContext;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.pos.ValidatorActor;
import io.actorchain.node.store.NodeStores;
import io.actorchain.node.time.SystemClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slashing protection is durable (CONSENSUS.md §5.7): a ValidatorActor saves its record to the node's protection store
 * before a signature leaves it, and one started again from the same store (a restarted process, a restarted actor)
 * refuses what its predecessor's record forbids: a second vote for a target epoch it voted for, a second block at a
 * slot it proposed at.
 */
class ValidatorProtectionTest {
  static final ConsensusConfig CONFIG = ConsensusConfig.minimal();
  static final ChainSettings SETTINGS = ChainSettings.fromConfig(ConfigLoader.load(null))
      .withValidators(List.of(new ChainSettings.NamedAmount("v0", Units.coins(32))));

  static ActorTestKit kit;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startKit() {
    kit = ActorTestKit.create("validator-protection",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load("application-test")));
  }

  @AfterAll
  static void stopKit() {
    kit.shutdownTestKit();
  }

  private static NodeContext nodeWith(NodeStores stores) {
    return new NodeContext(0, SystemClock.INSTANCE, kit.system().ignoreRef(), SETTINGS, 1, new TransitionMemo(), stores);
  }

  private static Hash32 root(String label) {
    return Sha256.hash(label.getBytes(StandardCharsets.US_ASCII));
  }

  private static AttestationData vote(long source, long target, String head) {
    return new AttestationData(CONFIG.startSlot(target) + 3, 0, root(head), new Checkpoint(source, root("s" + source)),
        new Checkpoint(target, root("t" + target)));
  }

  /** A validator of a node with these stores; what it signs goes to {@code chain}, proposals ask {@code mempool}. */
  private static ActorRef<ValidatorActor.Command> validator(NodeStores stores, TestProbe<ChainActor.Command> chain,
      TestProbe<MempoolActor.Command> mempool) {
    return kit.spawn(ValidatorActor.create(nodeWith(stores), "v0", CONFIG, chain.ref(), mempool.ref()));
  }

  @Test
  void shouldRefuseASecondVoteForATargetItVotedForBeforeItsDataDirWasReopened() {
    Path dataDir = tmp.resolve("node-0");
    TestProbe<ChainActor.Command> chain = kit.createTestProbe();
    TestProbe<MempoolActor.Command> mempool = kit.createTestProbe();
    try (NodeStores stores = NodeStores.open(dataDir)) {
      ActorRef<ValidatorActor.Command> v0 = validator(stores, chain, mempool);
      v0.tell(new ValidatorActor.Attest(vote(1, 2, "a"), 0));
      assertThat(chain.expectMessageClass(PosCommand.ImportAttestation.class).attestation().data())
          .isEqualTo(vote(1, 2, "a"));
      assertThat(stores.protection().load("v0")).as("saved before the vote left")
          .contains(new SlashingProtectionRecord(SlashingProtectionRecord.NONE, 1, 2));
      kit.stop(v0);
    }

    try (NodeStores stores = NodeStores.open(dataDir)) {
      ActorRef<ValidatorActor.Command> v0 = validator(stores, chain, mempool);
      v0.tell(new ValidatorActor.Attest(vote(1, 2, "b"), 0)); // a double vote for target 2
      v0.tell(new ValidatorActor.Attest(vote(0, 3, "c"), 0)); // surrounds (1, 2)
      v0.tell(new ValidatorActor.Attest(vote(2, 3, "d"), 0));
      assertThat(chain.expectMessageClass(PosCommand.ImportAttestation.class).attestation().data())
          .as("only the vote its record allows").isEqualTo(vote(2, 3, "d"));
      kit.stop(v0);
      assertThat(stores.protection().load("v0")).contains(new SlashingProtectionRecord(SlashingProtectionRecord.NONE, 2, 3));
    }
  }

  @Test
  void shouldRefuseASecondBlockAtASlotWhenStartedAgainFromTheSameStores() {
    NodeStores stores = NodeStores.inMemory(); // an embedded node's: it outlives the node's actors
    TestProbe<ChainActor.Command> chain = kit.createTestProbe();
    TestProbe<MempoolActor.Command> mempool = kit.createTestProbe();
    ActorRef<ValidatorActor.Command> first = validator(stores, chain, mempool);
    first.tell(new ValidatorActor.Propose(new PosCommand.SlotContext(10, root("head"), null), 0));
    mempool.expectMessageClass(MempoolActor.SelectForBeaconBlock.class);
    assertThat(stores.protection().load("v0")).as("saved before asking for the block's contents")
        .contains(new SlashingProtectionRecord(10, SlashingProtectionRecord.NONE, SlashingProtectionRecord.NONE));
    kit.stop(first);

    ActorRef<ValidatorActor.Command> again = validator(stores, chain, mempool);
    again.tell(new ValidatorActor.Propose(new PosCommand.SlotContext(10, root("other head"), null), 0));
    again.tell(new ValidatorActor.Propose(new PosCommand.SlotContext(11, root("head"), null), 0));
    MempoolActor.SelectForBeaconBlock asked = mempool.expectMessageClass(MempoolActor.SelectForBeaconBlock.class);
    assertThat(asked.state()).isNull();
    assertThat(stores.protection().load("v0")).as("slot 10 refused, slot 11 signed")
        .contains(new SlashingProtectionRecord(11, SlashingProtectionRecord.NONE, SlashingProtectionRecord.NONE));
    kit.stop(again);
    chain.expectNoMessage(java.time.Duration.ZERO);
  }
}
