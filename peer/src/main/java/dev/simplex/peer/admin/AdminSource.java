package dev.simplex.peer.admin;

import java.util.Map;

/** What a running peer shows through its admin endpoint; called on the endpoint's threads. */
public interface AdminSource {
  SwarmStatus status();

  /** Counters for {@code /metrics}: nested maps of numbers, written out as JSON as they are. */
  Map<String, Object> metrics();

  LogTail logs();
}
