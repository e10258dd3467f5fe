package dev.simplex.peer.actor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Actor systems for tests, with their stderr lines captured instead of printed. */
final class TestSystems {
  private TestSystems() {}

  static ActorSystem quiet(List<String> errors) {
    return new ActorSystem(ActorSystem.Options.defaults().withErrors(errors::add));
  }

  static ActorSystem quiet() {
    return quiet(new CopyOnWriteArrayList<>());
  }

  /** A behaviour from two lambdas: start does nothing unless given. */
  interface Handler {
    Object handle(ActorContext ctx, Object message);
  }

  static ActorSpec actor(String type, Handler handler) {
    return new ActorSpec(
        type,
        () ->
            new Behavior() {
              @Override
              public void start(ActorContext ctx) {}

              @Override
              public Object handle(ActorContext ctx, Object message) {
                return handler.handle(ctx, message);
              }
            });
  }
}
