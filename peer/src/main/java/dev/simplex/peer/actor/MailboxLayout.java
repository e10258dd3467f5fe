package dev.simplex.peer.actor;

/**
 * Where a {@link Cell} keeps its mailbox ends: the tail, which every sender swaps, and the head and
 * current message, which the reader writes for every message, each on a cache line of its own, away
 * from the fields senders only read (life, draining, the run state). Without the padding one line
 * held them all, so in a fan-in each send missed in the cache on a line the reader had just written
 * and each poll on one a sender had: a thousand senders to one counter moved about a third fewer
 * messages a second. HotSpot lays a superclass's fields out before its subclass's, which is what
 * the chain of classes relies on (as JCTools' queues do); 64 bytes of longs on each side of a hot
 * field.
 */
abstract class MailboxLayout {
  abstract static class Pad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
  }

  abstract static class Tail extends Pad0 {
    /** The newest envelope; senders swap themselves in here. */
    volatile Envelope tail;
  }

  abstract static class Pad1 extends Tail {
    long p10, p11, p12, p13, p14, p15, p16, p17;
  }

  abstract static class Head extends Pad1 {
    /** The envelope the reader took last (its content let go of). */
    volatile Envelope head;

    /** The message the running handler was given, or null between messages. */
    Envelope.Message current;
  }

  abstract static class Pad2 extends Head {
    long p20, p21, p22, p23, p24, p25, p26, p27;
  }

  private MailboxLayout() {}
}
