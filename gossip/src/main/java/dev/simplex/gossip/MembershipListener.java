package dev.simplex.gossip;

/**
 * Receives membership events. Called on a JGroups thread: return quickly and hand long work to your
 * own executor. An exception thrown here is logged and does not reach JGroups.
 */
@FunctionalInterface
public interface MembershipListener {
  void onMembershipEvent(MembershipEvent event);
}
