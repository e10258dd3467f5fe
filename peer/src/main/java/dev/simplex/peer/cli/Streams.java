package dev.simplex.peer.cli;

import java.io.PrintStream;

/** The standard streams of one CLI invocation. */
record Streams(PrintStream out, PrintStream err) {}
