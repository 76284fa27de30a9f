package io.actorchain.node.pos;

import io.actorchain.node.net.LocalOnly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Asks each hosted {@link ValidatorActor} what it signed last, once, and answers one {@link DutyReport} in name order;
 * a validator that does not answer within {@link #TIMEOUT} is reported as unknown. Lives for one request.
 */
final class DutyCollector {
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  interface Command extends LocalOnly {}

  private record Answered(String name, DutyReport.Duties duties) implements Command {}

  private DutyCollector() {}

  static Behavior<Command> create(int node, Map<String, ActorRef<ValidatorActor.Command>> validators,
      ActorRef<DutyReport> replyTo) {
    return Behaviors.setup(ctx -> {
      Map<String, DutyReport.Duties> answers = new TreeMap<>();
      if (validators.isEmpty()) {
        replyTo.tell(new DutyReport(node, List.of()));
        return Behaviors.stopped();
      }
      validators.forEach((name, ref) -> ctx.ask(DutyReport.Duties.class, ref, TIMEOUT, ValidatorActor.GetDuties::new,
          (duties, failure) -> new Answered(name, duties != null ? duties : DutyReport.Duties.unknown(name, null))));
      return Behaviors.receive(Command.class)
          .onMessage(Answered.class, a -> {
            answers.put(a.name(), a.duties());
            if (answers.size() < validators.size()) {
              return Behaviors.same();
            }
            replyTo.tell(new DutyReport(node, new ArrayList<>(answers.values())));
            return Behaviors.stopped();
          })
          .build();
    });
  }
}
