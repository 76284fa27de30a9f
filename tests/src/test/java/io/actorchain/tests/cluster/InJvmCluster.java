package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.GenesisMismatch;
import io.actorchain.node.time.SystemClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Actor systems on port 0 in this JVM forming one Pekko cluster (application-test.conf: every message through
 * serialization). System i becomes Up before system i+1 joins, so the older member is always the lower index. Closing
 * shuts them down in reverse order.
 */
final class InJvmCluster implements AutoCloseable {
  static final Duration FORM = Duration.ofSeconds(30);
  static final Duration POLL = Duration.ofMillis(200);

  final Config config = ConfigFactory.load("application-test");
  private final List<ActorTestKit> kits = new ArrayList<>();

  static InJvmCluster form(int systems) {
    InJvmCluster c = new InJvmCluster();
    try {
      for (int i = 0; i < systems; i++) {
        c.kits.add(ActorTestKit.create("actorchain", c.config));
      }
      Address seed = Cluster.get(c.kit(0).system()).selfMember().address();
      for (int i = 0; i < systems; i++) {
        Cluster.get(c.kit(i).system()).manager().tell(Join.create(seed));
        int joined = i + 1;
        c.kit(0).createTestProbe().awaitAssert(FORM, POLL, () -> {
          assertThat(Cluster.get(c.kit(0).system()).state().getMembers())
              .filteredOn(m -> m.status() == MemberStatus.up()).hasSize(joined);
          return null;
        });
      }
      return c;
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  ActorTestKit kit(int index) {
    return kits.get(index);
  }

  ChainSettings settings() {
    return ChainSettings.fromConfig(config);
  }

  /**
   * Node {@code id}'s guardian, discovering its peers, supervised as {@code ClusterNode} does: a genesis mismatch
   * stops it without a second log line.
   */
  static Behavior<NodeGuardian.Command> guardian(int id, ChainSettings settings, ActorRef<NodeEvent> events,
      List<MinerSpec> miners, List<String> validators) {
    NodeContext ctx = new NodeContext(id, SystemClock.INSTANCE, events, settings, 42L);
    return Behaviors.supervise(NodeGuardian.create(ctx, new NodeSpec(id, miners, validators, null), true))
        .onFailure(GenesisMismatch.class, SupervisorStrategy.stop().withLoggingEnabled(false));
  }

  @Override
  public void close() {
    for (int i = kits.size() - 1; i >= 0; i--) {
      kits.get(i).shutdownTestKit();
    }
  }
}
