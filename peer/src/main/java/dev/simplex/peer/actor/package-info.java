/**
 * The actor runtime core of a peer (language.md §8, §9, §13): cells, mailboxes, the scheduler,
 * lifecycle, named actors, supervision, dead letters and quiescence. It knows nothing about how
 * handlers are compiled: an actor's code is a {@link dev.simplex.peer.actor.Behavior}. Entry point:
 * {@link dev.simplex.peer.actor.ActorSystem}.
 */
package dev.simplex.peer.actor;
