package dev.simplex.peer.vm;

import dev.simplex.sbc.PortableValue;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.Vm;
import java.util.Map;

/**
 * {@code spawn … with { name, placement, resources, replicas }}: a single peer keeps the name and
 * checks {@code replicas}; placement and resources are hints it ignores (language.md §8).
 */
record SpawnOptions(String name, String placement) {
  static SpawnOptions of(Map<String, Object> options) {
    String name = null;
    String placement = null;
    for (Map.Entry<String, Object> e : options.entrySet()) {
      switch (e.getKey()) {
        case "name" -> {
          if (!(e.getValue() instanceof String s) || s.isBlank())
            throw new RuntimePort.Panic("an actor name must not be blank");
          name = s;
        }
        case "replicas" -> {
          if (!(e.getValue() instanceof Number n) || n.longValue() < 1)
            throw new RuntimePort.Panic("replicas must be at least 1, got " + e.getValue());
        }
        case "placement" ->
            placement =
                Vm.toPortable(e.getValue()) instanceof PortableValue.Variant v ? v.variant() : null;
        case "resources" -> {}
        default -> throw new IllegalArgumentException("unknown spawn option `" + e.getKey() + "`");
      }
    }
    return new SpawnOptions(name, placement);
  }
}
