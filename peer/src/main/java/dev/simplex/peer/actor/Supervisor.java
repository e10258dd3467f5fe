package dev.simplex.peer.actor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The behaviour of a supervisor cell and its reactions to children that end (language.md §9). A
 * reaction runs in the thread of the child that crashed, so that restart hooks, and escalation up
 * the tree, complete before the failed ask is answered. One lock per actor system serialises all
 * reactions: crashes are rare, and a single lock cannot be taken in two orders by escalation (going
 * up) and group restarts (going down).
 */
final class Supervisor implements Behavior {
  private final SupervisorSpec spec;
  private final Cell self;
  private final List<Cell> children = new ArrayList<>();

  /** Start times (nanoTime) of the restart decisions within the current window. */
  private final Deque<Long> restarts = new ArrayDeque<>();

  Supervisor(SupervisorSpec spec, Cell self) {
    this.spec = spec;
    this.self = self;
  }

  private ReentrantLock lock() {
    return self.system.supervision;
  }

  /** First start: the children in order. A restart of the supervisor restarts them in order. */
  @Override
  public void start(ActorContext ctx) {
    if (!children.isEmpty()) {
      for (Cell c : children) if (!c.isDead()) restartOrDefer(c);
      return;
    }
    try {
      for (ChildSpec c : spec.children()) children.add(self.system.spawnChild(c.child(), this));
    } catch (RuntimeException | Error e) {
      // A child's start panicked: the children already started end with it.
      for (Cell c : children.reversed()) stopChild(c, ExitReason.KILLED);
      children.clear();
      throw e;
    }
  }

  @Override
  public Object handle(ActorContext ctx, Object message) {
    throw new IllegalStateException("supervisor " + spec.typeName() + " has no handlers");
  }

  /**
   * Children end first, in reverse order: stopped (and waited for) when the supervisor is stopped,
   * killed when it is killed or gives up.
   */
  @Override
  public void onStop(ActorContext ctx, ExitReason reason) {
    for (Cell c : children.reversed()) {
      if (c.life() != Cell.Life.ALIVE) continue;
      if (reason instanceof ExitReason.Normal) self.system.stop(c.ref);
      else stopChild(c, ExitReason.KILLED);
    }
  }

  ActorRef child(int index) {
    if (index < 0 || index >= children.size())
      throw new IllegalArgumentException(
          "supervisor "
              + spec.typeName()
              + " has no child "
              + index
              + " (it has "
              + children.size()
              + ")");
    return children.get(index).ref;
  }

  ActorRef child(String name) {
    List<ChildSpec> specs = spec.children();
    for (int i = 0; i < specs.size() && i < children.size(); i++)
      if (name.equals(specs.get(i).name())) return children.get(i).ref;
    throw new IllegalArgumentException(
        "supervisor " + spec.typeName() + " has no child named \"" + name + "\"");
  }

  List<Cell> children() {
    return List.copyOf(children);
  }

  boolean isFinished() {
    return self.isDead();
  }

  /** A child ended other than by stop or drain; the caller owns {@code child}. */
  void childFailed(Cell child, ExitReason reason) {
    lock().lock();
    try {
      int index = children.indexOf(child);
      if (isFinished() || index < 0) {
        child.finish(reason);
        return;
      }
      if (!spec.children().get(index).restart().restarts(reason)) {
        child.finish(reason);
        return;
      }
      if (!allowRestart()) {
        escalate(child);
        return;
      }
      switch (spec.strategy()) {
        case ONE_FOR_ONE -> child.restart();
        case ONE_FOR_ALL -> restartGroup(0, child);
        case REST_FOR_ONE -> restartGroup(index, child);
      }
    } finally {
      lock().unlock();
    }
  }

  /** OTP's intensity: restart decisions (a group restart counts once) within the window. */
  private boolean allowRestart() {
    long now = System.nanoTime();
    long window = spec.within().toNanos();
    while (!restarts.isEmpty() && now - restarts.peekFirst() > window) restarts.removeFirst();
    if (restarts.size() >= spec.maxRestarts()) return false;
    restarts.addLast(now);
    return true;
  }

  /** Kills the group after the failed child in reverse order, then restarts it all in order. */
  private void restartGroup(int from, Cell failed) {
    List<Cell> group = children.subList(from, children.size());
    List<Cell> held = new ArrayList<>();
    for (Cell c : group.reversed()) {
      if (c == failed || c.life() != Cell.Life.ALIVE) continue;
      switch (acquireSoon(c)) {
        case TAKEN -> {
          held.add(c);
          c.kill();
        }
        case ALREADY_MINE -> c.kill();
        case BUSY -> c.requestWhenIdle(Cell.Pending.RESTART);
      }
    }
    try {
      for (Cell c : group) if (c == failed || c.life() == Cell.Life.DOWN) c.restart();
    } finally {
      for (Cell c : held) c.release();
    }
  }

  /**
   * A sibling that is busy is most often just ending its last turn (its reply already sent): wait
   * for it a moment, so a group restart stops every child before it starts any (OTP's order). One
   * still busy after that is in a long handler: it restarts when that handler ends.
   */
  private static Cell.Hold acquireSoon(Cell c) {
    long until = System.nanoTime() + GROUP_WAIT_NANOS;
    Cell.Hold h = c.acquire();
    while (h == Cell.Hold.BUSY && System.nanoTime() - until < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
      h = c.acquire();
    }
    return h;
  }

  private static final long GROUP_WAIT_NANOS =
      java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

  private void restartOrDefer(Cell c) {
    switch (c.acquire()) {
      case TAKEN -> {
        try {
          c.kill();
          c.restart();
        } finally {
          c.release();
        }
      }
      case ALREADY_MINE -> {
        c.kill();
        c.restart();
      }
      case BUSY -> c.requestWhenIdle(Cell.Pending.RESTART);
    }
  }

  /** Too many restarts: kill every child, then end as a crash its own supervisor handles. */
  private void escalate(Cell failed) {
    for (Cell c : children.reversed()) if (c != failed) stopChild(c, ExitReason.KILLED);
    ExitReason reason = new ExitReason.Error("max_restarts exceeded");
    Cell.Hold hold = self.acquire();
    try {
      self.runStopHook(reason);
      if (self.parent != null) self.parent.childFailed(self, reason);
      else {
        self.system.errors("supervisor " + spec.typeName() + " gave up");
        self.finish(reason);
      }
    } finally {
      if (hold == Cell.Hold.TAKEN) self.release();
    }
  }

  /** Kills a live child now if it is idle, or when its current handler returns. */
  private void stopChild(Cell c, ExitReason reason) {
    if (c.life() != Cell.Life.ALIVE) return;
    switch (c.acquire()) {
      case TAKEN -> {
        try {
          c.runStopHook(reason);
          c.kill();
        } finally {
          c.release();
        }
      }
      case ALREADY_MINE -> c.kill();
      case BUSY -> c.requestWhenIdle(Cell.Pending.KILL);
    }
  }

  /** The supervisor ended for good: so do its children, and their refs go dead. */
  void finishChildren() {
    for (Cell c : children.reversed()) {
      if (c.isDead()) continue;
      switch (c.acquire()) {
        case TAKEN -> {
          try {
            c.runStopHook(ExitReason.KILLED);
            c.finish(ExitReason.KILLED);
          } finally {
            c.release();
          }
        }
        case ALREADY_MINE -> {
          c.runStopHook(ExitReason.KILLED);
          c.finish(ExitReason.KILLED);
        }
        case BUSY -> c.requestWhenIdle(Cell.Pending.KILL);
      }
    }
  }
}
