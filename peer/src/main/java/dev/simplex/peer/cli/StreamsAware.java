package dev.simplex.peer.cli;

/** Marks a command that is constructed with the invocation's {@link Streams}. */
interface StreamsAware {}
