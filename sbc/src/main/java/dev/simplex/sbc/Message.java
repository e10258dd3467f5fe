package dev.simplex.sbc;

import java.util.List;

/**
 * A message sent to an actor: the handler's name and its boxed arguments, in parameter order. The
 * runtime delivers it by calling the function named {@code <Actor>::<name>} with the actor's state
 * first.
 */
public record Message(String name, List<Object> args) {
  public Message {
    args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
  }
}
