package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorContext;
import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.peer.actor.Behavior;

/** Test fixtures shared by the activation and failover tests: an idle activation, a frame. */
final class Activations {
  private Activations() {}

  /** An activation of actor {@code x} at epoch 0 over an actor that ignores its mail. */
  static Activation idle(ActorSystem system) {
    var ref =
        system.spawn(
            new ActorSpec(
                "Idle",
                () ->
                    new Behavior() {
                      @Override
                      public void start(ActorContext ctx) {}

                      @Override
                      public Object handle(ActorContext ctx, Object message) {
                        return null;
                      }
                    }));
    return new Activation(new ActorId("x"), ref, 0, null);
  }

  /** A one-way message to {@code x} on {@code lane} with sequence {@code seq}. */
  static RoutingFrame.Message message(long lane, long seq) {
    return new RoutingFrame.Message("x", lane, seq, RoutingFrame.Mode.SEND, 0, 1, "t", new byte[0]);
  }
}
