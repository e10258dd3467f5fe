package dev.simplex.gossip;

import java.util.List;
import java.util.Optional;

/**
 * One membership view: every node that installs view {@code id} sees the same members in the same
 * order, so all peers can compute the same answer from it (e.g. rendezvous hashing) without a
 * leader. The first member is the JGroups coordinator; Simplex gives it no special role.
 */
public record SwarmView(long id, List<PeerInfo> members) {

  public SwarmView {
    members = List.copyOf(members);
  }

  public int size() {
    return members.size();
  }

  public boolean contains(PeerId peer) {
    return member(peer).isPresent();
  }

  public Optional<PeerInfo> member(PeerId peer) {
    return members.stream().filter(m -> m.id().equals(peer)).findFirst();
  }

  public List<PeerId> ids() {
    return members.stream().map(PeerInfo::id).toList();
  }
}
