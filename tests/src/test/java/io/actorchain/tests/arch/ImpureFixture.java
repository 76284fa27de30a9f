package io.actorchain.tests.arch;

import org.apache.pekko.actor.typed.ActorRef;

/** A deliberately impure class: CorePurityTest points the core rule at it to show the rule fails. */
final class ImpureFixture {
  private ImpureFixture() {}

  static final class Uses {
    ActorRef<String> ref;
  }
}
