package dev.simplex.peer.vm;

import dev.simplex.peer.actor.ActorSystem;
import dev.simplex.sbc.Message;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.io.PrintStream;
import java.util.List;

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
    ActorSystem system =
        new ActorSystem(
            ActorSystem.Options.defaults()
                .withParallelism(parallelism)
                .withErrors(err::println)
                .withMessageType(ActorProgram::messageName));
    VmRuntime runtime = new VmRuntime(system, out, err);
    Vm.Outcome outcome = runtime.vm(module).execute(args);
    if (!outcome.returned()) return outcome.code();
    try {
      system.awaitQuiescence();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return outcome.code();
    }
    system.shutdown();
    out.flush();
    if (system.deadLetters().count() > 0) err.println(system.deadLetters().summary());
    err.flush();
    return outcome.code();
  }

  /** Dead letters are counted by message name, as the program wrote it. */
  private static String messageName(Object message) {
    return message instanceof Message m ? m.name() : String.valueOf(message);
  }
}
