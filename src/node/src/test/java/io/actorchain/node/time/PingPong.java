package io.actorchain.node.time;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Two actors rallying a ball; a timer due 1 ms after the rally starts checks the clock. */
final class PingPong {

  private PingPong() {}

  sealed interface Command {}

  record Ball(int remaining, ActorRef<Command> replyTo) implements Command {}

  enum Serve implements Command { INSTANCE }

  enum LateTimer implements Command { INSTANCE }

  static Behavior<Command> create(int hits, List<TraceEvent> trace) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  Clock clock = Clock.of(context.getSystem());
                  ActorRef<Command> pong = context.spawn(player("pong", clock, trace), "pong");
                  timers.startSingleTimer(Serve.INSTANCE, Duration.ofMillis(100));
                  return Behaviors.receive(Command.class)
                      .onMessageEquals(
                          Serve.INSTANCE,
                          () -> {
                            timers.startSingleTimer(LateTimer.INSTANCE, Duration.ofMillis(1));
                            pong.tell(new Ball(hits - 1, context.getSelf()));
                            return Behaviors.same();
                          })
                      .onMessageEquals(
                          LateTimer.INSTANCE,
                          () -> {
                            trace.add(new TraceEvent(clock.nowMillis(), "ping", "late-timer"));
                            return Behaviors.same();
                          })
                      .onMessage(Ball.class, ball -> hit("ping", clock, trace, ball, context.getSelf()))
                      .build();
                }));
  }

  private static Behavior<Command> player(String name, Clock clock, List<TraceEvent> trace) {
    return Behaviors.setup(
        context ->
            Behaviors.receive(Command.class)
                .onMessage(Ball.class, ball -> hit(name, clock, trace, ball, context.getSelf()))
                .build());
  }

  private static Behavior<Command> hit(
      String name, Clock clock, List<TraceEvent> trace, Ball ball, ActorRef<Command> self) {
    trace.add(new TraceEvent(clock.nowMillis(), name, "ball-" + ball.remaining()));
    if (ball.remaining() > 0) {
      ball.replyTo().tell(new Ball(ball.remaining() - 1, self));
    }
    return Behaviors.same();
  }
}
