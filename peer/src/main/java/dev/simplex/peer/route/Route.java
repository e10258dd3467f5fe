package dev.simplex.peer.route;

/** Where a lane sends: the peer hosting the actor under placement {@code epoch}. */
record Route(String peerId, long epoch) {}
