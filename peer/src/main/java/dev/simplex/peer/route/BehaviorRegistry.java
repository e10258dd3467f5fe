package dev.simplex.peer.route;

import dev.simplex.peer.actor.ActorSpec;
import dev.simplex.peer.actor.Behavior;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The actor types this peer can host, by type name: each makes a fresh behaviour from the spawn
 * arguments. A peer fills it at startup; a spawn from another peer names the type and ships the
 * arguments. (With the language the key becomes the actor type's code hash.)
 */
public final class BehaviorRegistry {
  private final Map<String, Function<Object, Behavior>> factories = new ConcurrentHashMap<>();
  private volatile Function<String, Function<Object, Behavior>> resolver = t -> null;

  /**
   * Types not registered by name are asked of {@code resolver} (null when it does not know them
   * either): the VM resolves {@code <module hash>:<Type>} by fetching the module from the grid.
   * What it throws fails the spawn or install with its message.
   */
  public BehaviorRegistry resolving(Function<String, Function<Object, Behavior>> resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  private Function<Object, Behavior> factory(String typeName) {
    Function<Object, Behavior> f = factories.get(typeName);
    if (f == null) f = resolver.apply(typeName);
    if (f == null)
      throw new IllegalArgumentException(
          "no actor type " + typeName + " is registered here (known: " + typeNames() + ")");
    return f;
  }

  /** Registers {@code typeName}; the factory receives the decoded spawn arguments (may be null). */
  public BehaviorRegistry register(String typeName, Function<Object, Behavior> factory) {
    if (typeName == null || typeName.isBlank())
      throw new IllegalArgumentException("an actor type needs a name");
    Objects.requireNonNull(factory, "factory");
    if (factories.putIfAbsent(typeName, factory) != null)
      throw new IllegalArgumentException("actor type " + typeName + " is registered already");
    return this;
  }

  public boolean knows(String typeName) {
    return factories.containsKey(typeName);
  }

  public Set<String> typeNames() {
    return new TreeSet<>(factories.keySet());
  }

  /**
   * Resolves {@code typeName} now (a VM type fetches its module), so a later restore needs no grid.
   */
  void prepare(String typeName) {
    factory(typeName);
  }

  /**
   * The spec to spawn: a restart without a checkpoint calls the factory again with the same
   * arguments, as a local spawn would.
   */
  ActorSpec spec(String typeName, Object args) {
    Function<Object, Behavior> factory = factory(typeName);
    return new ActorSpec(typeName, () -> new Mobile(factory.apply(args), null));
  }

  /**
   * The spec of an actor arriving by migration: its first incarnation starts from {@code state}; a
   * later restart starts fresh from {@code args}, as on the peer it came from.
   */
  ActorSpec restored(String typeName, Object args, byte[] state) {
    Function<Object, Behavior> factory = factory(typeName);
    var pending = new java.util.concurrent.atomic.AtomicReference<>(state);
    return new ActorSpec(typeName, () -> new Mobile(factory.apply(args), pending.getAndSet(null)));
  }
}
