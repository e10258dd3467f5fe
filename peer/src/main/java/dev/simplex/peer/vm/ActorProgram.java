package dev.simplex.peer.vm;

import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code simplex run} on one peer (language.md §13): runs {@code main} with a fresh actor system;
 * when {@code main} returns, waits for quiescence, shuts the actors down (reverse spawn order,
 * {@code on_stop}) and reports dead letters; a panic or {@code exit} in main ends at once.
 */
public final class ActorProgram {
  private ActorProgram() {}

  /** Runs the module's {@code main} and returns the process exit code. */
  public static int run(SbcModule module, List<String> args, PrintStream out, PrintStream err) {
    return run(module, args, out, err, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #run(SbcModule, List, PrintStream, PrintStream)} on {@code parallelism} carriers. */
  public static int run(
      SbcModule module, List<String> args, PrintStream out, PrintStream err, int parallelism) {
    return run(module, args, out, err, parallelism, null);
  }

  /**
   * {@code simplex run --data DIR} (language.md §15b): checkpoints persist under {@code
   * DIR/checkpoints}, and the actors an earlier run checkpointed are recovered before {@code main}
   * runs; built-in AI models are cached under {@code DIR/models}. A null {@code dataDir} keeps
   * checkpoints in memory.
   */
  public static int run(
      SbcModule module,
      List<String> args,
      PrintStream out,
      PrintStream err,
      int parallelism,
      Path dataDir) {
    if (dataDir == null) return run(module, args, out, err, parallelism, Durability.NONE, null);
    CheckpointLog log;
    try {
      log = CheckpointLog.open(dataDir, err::println);
    } catch (IOException | RuntimeException e) {
      err.println("error: cannot open the data directory " + dataDir + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    int code;
    try {
      code = run(module, args, out, err, parallelism, new Durability(log), dataDir);
    } finally {
      try {
        log.close();
      } catch (IOException e) {
        err.println("error: checkpoints in " + dataDir + " were not all saved: " + e.getMessage());
        err.flush();
      }
    }
    return code;
  }

  private static int run(
      SbcModule module,
      List<String> args,
      PrintStream out,
      PrintStream err,
      int parallelism,
      Durability durability,
      Path dataDir) {
    ActorSystem system =
        new ActorSystem(
            ActorSystem.Options.defaults()
                .withParallelism(parallelism)
                .withErrors(err::println)
                .withMessageType(ActorProgram::messageName));
    try (VmRuntime runtime =
        new VmRuntime(system, out, err, AiModels.cacheFor(dataDir), durability)) {
      runtime.vm(module).programArgs(args);
      runtime.recover(module);
      return run(module, args, out, err, system, runtime);
    }
  }

  private static int run(
      SbcModule module,
      List<String> args,
      PrintStream out,
      PrintStream err,
      ActorSystem system,
      VmRuntime runtime) {
    // main runs on its own thread so that exit(code) in an actor ends the program even while main
    // waits (in ask, say): whichever comes first, main's end or an exit, decides
    CompletableFuture<Vm.Outcome> main = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("simplex-main")
        .start(
            () -> {
              try {
                main.complete(runtime.vm(module).execute(args));
              } catch (Throwable t) {
                main.completeExceptionally(t);
              }
            });
    Object first = firstOf(main, runtime.exitRequested());
    if (runtime.exitRequested().isDone()) return exitNow(out, err, runtime);
    Vm.Outcome outcome = (Vm.Outcome) first;
    if (!outcome.returned()) return outcome.code();
    CompletableFuture<Void> quiet = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("simplex-quiescence")
        .start(
            () -> {
              try {
                system.awaitQuiescence();
                quiet.complete(null);
              } catch (InterruptedException e) {
                quiet.complete(null);
              }
            });
    firstOf(quiet, runtime.exitRequested());
    if (runtime.exitRequested().isDone()) return exitNow(out, err, runtime);
    system.shutdown();
    out.flush();
    if (system.deadLetters().count() > 0) err.println(system.deadLetters().summary());
    err.flush();
    return outcome.code();
  }

  private static Object firstOf(CompletableFuture<?> a, CompletableFuture<?> b) {
    try {
      return CompletableFuture.anyOf(a, b).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  /** {@code exit(code)} in an actor: flush what was printed and end, running no hooks. */
  private static int exitNow(PrintStream out, PrintStream err, VmRuntime runtime) {
    out.flush();
    err.flush();
    return runtime.exitRequested().join();
  }

  /** Dead letters are counted by message name, as the program wrote it. */
  private static String messageName(Object message) {
    return message instanceof Message m ? m.name() : String.valueOf(message);
  }
}
