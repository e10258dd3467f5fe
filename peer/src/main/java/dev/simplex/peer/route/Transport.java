package dev.simplex.peer.route;

import dev.simplex.gossip.EnvelopeKind;
import dev.simplex.gossip.PeerId;
import dev.simplex.gossip.SwarmNode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames to peers as ROUTING envelopes. A frame to this peer itself goes through one FIFO thread
 * instead of the network: in order and asynchronous, as JGroups delivers one sender's messages, so
 * local and remote targets behave alike.
 */
final class Transport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

  private final SwarmNode node;
  private final String self;
  private final BiConsumer<String, RoutingFrame> receiver;
  private final ExecutorService loopback;

  Transport(SwarmNode node, BiConsumer<String, RoutingFrame> receiver) {
    this.node = node;
    this.self = node.id().value();
    this.receiver = receiver;
    this.loopback =
        Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("simplex-route-loopback-" + self).factory());
  }

  String self() {
    return self;
  }

  /** False when {@code peer} is not in the view (or the send failed): the caller retries later. */
  boolean send(String peer, RoutingFrame frame) {
    if (peer.equals(self)) {
      try {
        loopback.execute(() -> deliverLocally(frame));
        return true;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return false; // closing
      }
    }
    try {
      return node.send(
          new PeerId(peer), EnvelopeKind.ROUTING, RoutingFrame.KIND_VERSION, frame.encode());
    } catch (RuntimeException e) {
      LOG.debug("routing frame to peer {} not sent: {}", peer, e.getMessage());
      return false;
    }
  }

  /**
   * A frame to itself, handled like one from the network: a failure (the grid without a majority
   * during a split) leaves the frame unhandled for its sender to resend, and is logged when it
   * differs from the last one rather than once per frame.
   */
  private void deliverLocally(RoutingFrame frame) {
    try {
      receiver.accept(self, frame);
      lastLoopbackFailure = null;
    } catch (RuntimeException e) {
      String failure = e.toString();
      if (!failure.equals(lastLoopbackFailure))
        LOG.warn("a routing frame to this peer was not handled (its sender resends): {}", failure);
      lastLoopbackFailure = failure;
    }
  }

  private volatile String lastLoopbackFailure;

  boolean inView(String peer) {
    return peer.equals(self) || node.view().ids().stream().anyMatch(id -> id.value().equals(peer));
  }

  @Override
  public void close() {
    loopback.shutdown();
  }
}
