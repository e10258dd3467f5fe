package dev.simplex.gossip;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.stack.Protocol;

/**
 * Sits directly above VERIFY_SUSPECT2 and reports the suspicions it lets through (already verified)
 * before GMS turns them into a new view; JGroups' Receiver has no suspect callback.
 */
final class SuspicionTap extends Protocol {

  private final Consumer<List<Address>> onSuspect;

  SuspicionTap(Consumer<List<Address>> onSuspect) {
    this.onSuspect = onSuspect;
  }

  @Override
  public Object up(Event evt) {
    if (evt.getType() == Event.SUSPECT && evt.getArg() instanceof Collection<?> suspects) {
      List<Address> addresses =
          suspects.stream().filter(Address.class::isInstance).map(Address.class::cast).toList();
      try {
        onSuspect.accept(addresses);
      } catch (RuntimeException e) {
        log.warn("suspicion listener failed: %s", e);
      }
    }
    return up_prot.up(evt);
  }
}
