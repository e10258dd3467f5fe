package dev.simplex.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The events one view change causes. Members are compared by incarnation (JGroups address), not
 * peer id, so a peer that restarts between two views shows up as left and joined again: its
 * activations were lost and must be recovered even though its id is the same.
 */
final class ViewDiff {

  private ViewDiff() {}

  static List<MembershipEvent> between(SwarmView before, SwarmView after, boolean merged) {
    Set<String> old = incarnations(before);
    Set<String> now = incarnations(after);
    List<MembershipEvent> events = new ArrayList<>();
    for (PeerInfo gone : before.members()) {
      if (!now.contains(gone.jgroupsAddress())) {
        events.add(new MembershipEvent.Left(gone, after));
      }
    }
    for (PeerInfo arrived : after.members()) {
      if (!old.contains(arrived.jgroupsAddress())) {
        events.add(new MembershipEvent.Joined(arrived, after));
      }
    }
    events.add(new MembershipEvent.ViewInstalled(after, merged));
    return events;
  }

  private static Set<String> incarnations(SwarmView view) {
    return view.members().stream().map(PeerInfo::jgroupsAddress).collect(Collectors.toSet());
  }
}
