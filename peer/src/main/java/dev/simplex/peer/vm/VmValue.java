package dev.simplex.peer.vm;

import dev.simplex.sbc.Message;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a compiled program hands the router: a run-time value, a {@link Message}, or {@link
 * SpawnArgs}, with the hash of the module whose types it uses, so the receiving peer can rebuild it
 * against that module (fetched from the code registry if it has not seen it).
 */
record VmValue(String moduleHash, Object value) {
  VmValue {
    Objects.requireNonNull(moduleHash, "module hash");
    Objects.requireNonNull(value, "value");
  }

  /**
   * A compiled actor's spawn: {@code init} arguments and field overrides, and the program run it
   * belongs to ({@code runId}, started on peer {@code origin}, where its output goes).
   */
  record SpawnArgs(
      String runId, String origin, List<Object> initArgs, Map<String, Object> overrides) {}
}
