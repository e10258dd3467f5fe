package dev.simplex.peer.actor;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A reference to an actor, valid across restarts; equal refs name the same actor. It displays as
 * {@code <Type#N>}, N being the actor's 1-based start number in this run.
 */
public final class ActorRef {
  private final Cell cell;

  ActorRef(Cell cell) {
    this.cell = cell;
  }

  Cell cell() {
    return cell;
  }

  public long id() {
    return cell.id;
  }

  public String typeName() {
    return cell.typeName();
  }

  /** The swarm-wide name it was spawned with, if any. */
  public Optional<String> name() {
    return Optional.ofNullable(cell.name);
  }

  /** False once the actor ended for good (stopped, drained, crashed unsupervised, given up). */
  public boolean isAlive() {
    return !cell.isDead();
  }

  /**
   * Completes with the exit reason when the actor ends for good (never on a supervised restart).
   */
  public CompletionStage<ExitReason> whenEnded() {
    return cell.ended().minimalCompletionStage();
  }

  public boolean isSupervisor() {
    return cell.role != null;
  }

  /** {@code r.child<A>(i)} of a supervisor ref; throws when absent or not a supervisor. */
  public ActorRef child(int index) {
    return supervisor().child(index);
  }

  /** {@code r.child<A>(name)} of a supervisor ref; throws when absent or not a supervisor. */
  public ActorRef child(String name) {
    return supervisor().child(name);
  }

  /** The typed form: also throws when the child is of another type. */
  public ActorRef child(int index, String typeName) {
    return ofType(child(index), typeName);
  }

  public ActorRef child(String name, String typeName) {
    return ofType(child(name), typeName);
  }

  private static ActorRef ofType(ActorRef r, String typeName) {
    if (!r.typeName().equals(typeName))
      throw new IllegalArgumentException(r + " is a " + r.typeName() + ", not a " + typeName);
    return r;
  }

  private Supervisor supervisor() {
    if (cell.role == null) throw new IllegalArgumentException(this + " is not a supervisor");
    return cell.role;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActorRef r && r.cell == cell;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(cell.id);
  }

  @Override
  public String toString() {
    return "<" + cell.typeName() + "#" + cell.id + ">";
  }
}
