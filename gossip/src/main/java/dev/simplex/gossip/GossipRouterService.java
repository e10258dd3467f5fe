package dev.simplex.gossip;

import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jgroups.stack.GossipRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JGroups GossipRouter: the directory that peers using {@code --discovery gossip:HOST:PORT}
 * register with to find each other where multicast is blocked. With TCPGOSSIP it serves lookups
 * only; peer traffic flows directly between peers. The library side of {@code simplex
 * gossip-router}.
 */
public final class GossipRouterService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GossipRouterService.class);

  /** How long a registration lives without a refresh, so crashed peers drop out of lookups. */
  static final long REGISTRATION_EXPIRY_MS = 60_000;

  private final GossipRouter router;
  private final HostPort address;

  private GossipRouterService(GossipRouter router, HostPort address) {
    this.router = router;
    this.address = address;
  }

  /**
   * Starts a router listening on {@code bindAddress:port}.
   *
   * @throws IllegalArgumentException for an unknown bind address or a port outside 1..65535
   * @throws SwarmException if the router cannot listen (e.g. the port is taken)
   */
  public static GossipRouterService start(String bindAddress, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("gossip router port " + port + " is outside 1..65535");
    }
    InetAddress bind;
    try {
      bind = InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "gossip router bind address '" + bindAddress + "' cannot be resolved", e);
    }
    try {
      GossipRouter router =
          new GossipRouter(bind, port).jmx(false).expiryTime(REGISTRATION_EXPIRY_MS);
      router.start();
      LOG.info("gossip router listening on {}:{}", bind.getHostAddress(), port);
      return new GossipRouterService(router, new HostPort(bind.getHostAddress(), port));
    } catch (BindException e) {
      throw new SwarmException(
          "gossip router cannot listen on "
              + bind.getHostAddress()
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); pick another port",
          e);
    } catch (Exception e) {
      throw new SwarmException("gossip router failed to start: " + e, e);
    }
  }

  /** Where peers should point {@code --discovery gossip:HOST:PORT}. */
  public HostPort address() {
    return address;
  }

  public boolean isRunning() {
    return router.running();
  }

  /** Peers currently registered, over all swarms. */
  public int registeredPeers() {
    return router.numRegisteredClients();
  }

  @Override
  public void close() {
    if (router.running()) {
      router.stop();
      LOG.info("gossip router on {} stopped", address);
    }
  }
}
