package io.actorchain.node.time;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/** Starts virtual-time ActorSystems for a test and terminates them in reverse order. */
final class VirtualSystems {

  private final Deque<ActorSystem<?>> started = new ArrayDeque<>();

  <T> ActorSystem<T> start(Behavior<T> guardian, String name) {
    ActorSystem<T> system =
        ActorSystem.create(guardian, name, VirtualTime.config().withFallback(ConfigFactory.load()));
    started.push(system);
    return system;
  }

  void terminateAll() throws Exception {
    while (!started.isEmpty()) {
      ActorSystem<?> system = started.pop();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
