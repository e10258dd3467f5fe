package dev.simplex.peer.swarm;

import dev.simplex.gossip.GossipRouterService;
import dev.simplex.gossip.SwarmException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simplex gossip-router --port N}: a directory where peers started with {@code --discovery
 * gossip:HOST:PORT} find each other when multicast is blocked. Runs until SIGTERM or SIGINT.
 */
@Command(
    name = "gossip-router",
    mixinStandardHelpOptions = true,
    description = "Run a JGroups GossipRouter for peers that cannot use multicast.")
public final class GossipRouterCommand implements Callable<Integer> {
  public static final int DEFAULT_PORT = 12001;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "12001",
      description = "port to listen on (default: ${DEFAULT-VALUE})")
  int port = DEFAULT_PORT;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "0.0.0.0",
      description = "address to listen on (default: ${DEFAULT-VALUE}, every interface)")
  String bind = "0.0.0.0";

  public GossipRouterCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    GossipRouterService router;
    try {
      router = GossipRouterService.start(bind, port);
    } catch (IllegalArgumentException | SwarmException e) {
      err.println("simplex gossip-router: " + e.getMessage());
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("simplex-gossip-router-stop")
                .unstarted(
                    () -> {
                      router.close();
                      stopped.countDown();
                    }));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "gossip router listening on "
            + router.address()
            + "; peers use --discovery gossip:HOST:"
            + port);
    out.flush();
    stopped.await();
    return 0;
  }
}
