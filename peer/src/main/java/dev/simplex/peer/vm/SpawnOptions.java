package dev.simplex.peer.vm;

import dev.simplex.peer.route.PlacementHint;
import dev.simplex.peer.route.Resources;
import dev.simplex.peer.route.SwarmRef;
import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.Vm;
import java.util.Map;

/**
 * {@code spawn … with { name, placement, resources, replicas }} as the compiled program hands it
 * over (language.md §8): {@code name} a String, {@code replicas} an i64, {@code placement} a value
 * of the prelude enum {@code Placement} ({@code Any}, {@code Spread}, {@code BinPacking}, {@code
 * Locality(ActorRef)}), {@code resources} a value of the prelude struct {@code Resources} ({@code
 * cpu: i64}, {@code memory: String}, {@code gpu: i64}). Read through {@link Vm#toPortable}, so the
 * VM's value classes stay the VM's. Bad values panic with a message naming the option: a single
 * peer checks them as the swarm does, then ignores the hints.
 *
 * @param placement null when the program gave none
 * @param resources null when the program gave none (the actor reserves nothing)
 * @param near the actor value of {@code Locality(ref)}: a {@link SwarmRef} in the swarm, a local
 *     ref under {@code simplex run}; null for the other placements
 */
record SpawnOptions(
    String name, PlacementHint placement, Object near, Resources resources, int replicas) {

  static SpawnOptions of(Map<String, Object> options) {
    Map<String, PortableValue> portable = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : options.entrySet())
      portable.put(e.getKey(), portable(e.getKey(), e.getValue()));
    return parse(portable);
  }

  /** The options in their portable form (what {@link Vm#toPortable} makes of the values). */
  static SpawnOptions parse(Map<String, PortableValue> options) {
    String name = null;
    PlacementHint placement = null;
    Object near = null;
    Resources resources = null;
    int replicas = 1;
    for (Map.Entry<String, PortableValue> e : options.entrySet()) {
      switch (e.getKey()) {
        case "name" -> {
          if (!(e.getValue() instanceof PortableValue.Str s) || s.value().isBlank())
            throw new RuntimePort.Panic("an actor name must not be blank");
          name = s.value();
        }
        case "replicas" -> {
          if (!(e.getValue() instanceof PortableValue.Int n) || n.value() < 1)
            throw new RuntimePort.Panic("replicas must be at least 1, got " + shown(e.getValue()));
          if (n.value() > MAX_REPLICAS)
            throw new RuntimePort.Panic(
                "replicas must be at most " + MAX_REPLICAS + ", got " + n.value());
          replicas = (int) n.value();
        }
        case "placement" -> {
          Object p = placement(e.getValue());
          if (p instanceof Locality l) near = l.address();
          else placement = (PlacementHint) p;
        }
        case "resources" -> resources = resources(e.getValue());
        default -> throw new IllegalArgumentException("unknown spawn option `" + e.getKey() + "`");
      }
    }
    return new SpawnOptions(name, placement, near, resources, replicas);
  }

  private static String shown(PortableValue v) {
    return switch (v) {
      case PortableValue.Int i -> Long.toString(i.value());
      case PortableValue.Str s -> '"' + s.value() + '"';
      default -> v.toString();
    };
  }

  /** More copies than this is a mistake, not a plan (each one is a warm copy on another peer). */
  static final int MAX_REPLICAS = 64;

  /** The router's options: {@code near} resolved to a swarm ref when it is one. */
  dev.simplex.peer.route.SpawnOptions forSwarm() {
    PlacementHint hint = placement == null ? PlacementHint.ANY : placement;
    if (near instanceof SwarmRef ref) hint = new PlacementHint.Locality(ref);
    return dev.simplex.peer.route.SpawnOptions.DEFAULT
        .withName(name)
        .withPlacement(hint)
        .withResources(resources == null ? Resources.NONE : resources)
        .withReplicas(replicas);
  }

  /** {@code Locality(ref)} before its ref is known to be a swarm ref. */
  private record Locality(Object address) {}

  private static PortableValue portable(String option, Object value) {
    try {
      return Vm.toPortable(value);
    } catch (IllegalArgumentException e) {
      throw new RuntimePort.Panic(
          "spawn option `" + option + "` cannot be read: " + e.getMessage());
    }
  }

  /** A {@link PlacementHint}, or a {@link Locality} whose ref is not resolved yet. */
  private static Object placement(PortableValue value) {
    if (!(value instanceof PortableValue.Variant v) || !v.type().equals("Placement"))
      throw new RuntimePort.Panic("placement must be a Placement, got " + value);
    return switch (v.variant()) {
      case "Any" -> PlacementHint.ANY;
      case "Spread" -> PlacementHint.SPREAD;
      case "BinPacking" -> PlacementHint.BIN_PACKING;
      case "Locality" -> {
        if (v.payload().size() != 1 || !(v.payload().getFirst() instanceof PortableValue.Actor a))
          throw new RuntimePort.Panic("Placement::Locality needs the ref of an actor");
        yield new Locality(a.address());
      }
      default ->
          throw new RuntimePort.Panic(
              "placement must be Any, Spread, BinPacking or Locality(ref), got " + v.variant());
    };
  }

  private static Resources resources(PortableValue value) {
    if (!(value instanceof PortableValue.Struct s) || !s.type().equals("Resources"))
      throw new RuntimePort.Panic("resources must be a Resources value, got " + value);
    long cpu = 1, gpu = 0;
    String memory = "256MB";
    for (PortableValue.Field f : s.fields()) {
      switch (f.name()) {
        case "cpu" -> cpu = count("cpu", f.value());
        case "gpu" -> gpu = count("gpu", f.value());
        case "memory" -> {
          if (!(f.value() instanceof PortableValue.Str m))
            throw new RuntimePort.Panic("resources memory must be a String such as \"256MB\"");
          memory = m.value();
        }
        default -> throw new RuntimePort.Panic("resources has no field `" + f.name() + "`");
      }
    }
    try {
      return Resources.of((int) cpu, memory, (int) gpu);
    } catch (IllegalArgumentException e) {
      throw new RuntimePort.Panic(e.getMessage());
    }
  }

  private static long count(String field, PortableValue value) {
    if (!(value instanceof PortableValue.Int i))
      throw new RuntimePort.Panic("resources " + field + " must be an i64");
    if (i.value() < 0 || i.value() > 1_000_000)
      throw new RuntimePort.Panic(
          "resources " + field + " must be between 0 and 1000000, got " + i.value());
    return i.value();
  }
}
