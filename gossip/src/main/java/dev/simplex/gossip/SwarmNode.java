package dev.simplex.gossip;

import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership in a swarm: one JGroups channel, the current view of the peers, the
 * events when it changes, and a small enveloped message transport between peers. Join with {@link
 * #join}, leave with {@link #close}.
 */
public final class SwarmNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SwarmNode.class);

  private final SwarmConfig config;
  private final JChannel channel;
  private final PeerInfo advertised;
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<EnvelopeKind, EnvelopeHandler> handlers = new EnumMap<>(EnvelopeKind.class);
  private final TransportCounters counters = new TransportCounters();
  private final Object viewLock = new Object();
  private volatile Members members = Members.EMPTY;

  /** The current view with lookups both ways; replaced whole on every view change. */
  private record Members(
      SwarmView view, Map<Address, PeerInfo> byAddress, Map<PeerId, Address> byId) {
    static final Members EMPTY = new Members(new SwarmView(0, List.of()), Map.of(), Map.of());
  }

  private SwarmNode(SwarmConfig config, JChannel channel, PeerInfo advertised) {
    this.config = config;
    this.channel = channel;
    this.advertised = advertised;
  }

  /**
   * Joins (or founds) the swarm named in {@code config}; returns once this node is in a view.
   *
   * @throws IllegalArgumentException if the bind address or a discovery host cannot be resolved
   * @throws SwarmException if the channel cannot start, e.g. the port is already in use
   */
  public static SwarmNode join(SwarmConfig config) {
    InetAddress bind = resolveBind(config.bindAddress());
    Optional<SwarmKeys> keys =
        config.secret().map(secret -> SwarmKeys.derive(secret, config.swarmName()));
    String host =
        config.advertisedHost().isEmpty() ? bind.getHostAddress() : config.advertisedHost();
    PeerInfo advertised =
        new PeerInfo(
            config.peerId(),
            "",
            host,
            config.hazelcastPort(),
            config.adminPort(),
            config.attributes());
    JChannel channel = null;
    try {
      SwarmNode[] node = new SwarmNode[1];
      var tap = new SuspicionTap(suspects -> node[0].suspected(suspects));
      channel = new JChannel(SwarmStack.build(config, bind, keys, tap));
      node[0] = new SwarmNode(config, channel, advertised);
      channel.name(config.peerId().value());
      channel.addAddressGenerator(() -> PeerAdvertisement.address(advertised));
      channel.setReceiver(node[0].new Inbound());
      channel.connect(config.swarmName());
      LOG.info(
          "peer {} joined swarm '{}' at {} via {}; view {}",
          config.peerId(),
          config.swarmName(),
          node[0].localAddress(),
          config.discovery(),
          node[0].view().ids());
      return node[0];
    } catch (Exception e) {
      if (channel != null) {
        channel.close();
      }
      throw new SwarmException(explain(config, bind, e), e);
    }
  }

  private static InetAddress resolveBind(String bind) {
    try {
      return Util.getAddress(bind, Util.getIpStackType());
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "--bind '" + bind + "' is not an address, host name or interface keyword of this machine",
          e);
    }
  }

  private static String explain(SwarmConfig config, InetAddress bind, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return "cannot bind "
            + bind.getHostAddress()
            + ":"
            + config.port()
            + " ("
            + t.getMessage()
            + "): another process uses the port or the address is not"
            + " local; pick another --port or --bind";
      }
    }
    return "cannot join swarm '" + config.swarmName() + "' via " + config.discovery() + ": " + e;
  }

  /** This peer's stable id. */
  public PeerId id() {
    return config.peerId();
  }

  /** What this peer advertises to the others, with its JGroups address for this incarnation. */
  public PeerInfo self() {
    return PeerAdvertisement.read(channel.getAddress());
  }

  /** The transport's bound address and port (the one TCPPING lists should name). */
  public HostPort localAddress() {
    Object physical = channel.down(new Event(Event.GET_PHYSICAL_ADDRESS, channel.getAddress()));
    if (physical instanceof IpAddress ip) {
      return new HostPort(ip.getIpAddress().getHostAddress(), ip.getPort());
    }
    throw new IllegalStateException("transport has no IP address: " + physical);
  }

  public SwarmView view() {
    return members.view();
  }

  /**
   * The members with what each advertises, in view order: the input for Hazelcast's member list.
   */
  public List<PeerInfo> peers() {
    return members.view().members();
  }

  public String swarmName() {
    return config.swarmName();
  }

  public void addListener(MembershipListener listener) {
    listeners.add(listener);
  }

  public void removeListener(MembershipListener listener) {
    listeners.remove(listener);
  }

  /** Routes received envelopes of {@code kind} to {@code handler}, replacing any earlier one. */
  public void onEnvelope(EnvelopeKind kind, EnvelopeHandler handler) {
    synchronized (handlers) {
      handlers.put(kind, handler);
    }
  }

  /**
   * Sends one envelope to one peer, reliably and in order with this node's other sends to it.
   *
   * @return false (and counts it as unroutable) if {@code to} is not in the current view
   */
  public boolean send(PeerId to, EnvelopeKind kind, int kindVersion, byte[] payload) {
    Address target = members.byId().get(to);
    if (target == null) {
      counters.unroutable.increment();
      return false;
    }
    transmit(new BytesMessage(target, new Envelope(kind, kindVersion, payload).encode()));
    return true;
  }

  /** Sends one envelope to every other peer in the view (not to this one). */
  public void broadcast(EnvelopeKind kind, int kindVersion, byte[] payload) {
    Message msg = new BytesMessage(null, new Envelope(kind, kindVersion, payload).encode());
    msg.setFlag(Message.TransientFlag.DONT_LOOPBACK);
    transmit(msg);
  }

  private void transmit(Message msg) {
    if (!channel.isConnected()) {
      throw new IllegalStateException("peer " + id() + " has left swarm '" + swarmName() + "'");
    }
    try {
      channel.send(msg);
      counters.sent.increment();
    } catch (Exception e) {
      throw new SwarmException(
          "sending to "
              + (msg.dest() == null ? "the swarm" : msg.dest())
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /** The channel itself, for tests that must put raw bytes or a crash on the wire. */
  JChannel channel() {
    return channel;
  }

  public TransportMetrics metrics() {
    return counters.snapshot();
  }

  public boolean isOpen() {
    return channel.isConnected();
  }

  /** Leaves the swarm: the others install a view without this peer at once, no timeout needed. */
  @Override
  public void close() {
    if (!channel.isClosed()) {
      channel.close();
      LOG.info("peer {} left swarm '{}'", id(), swarmName());
    }
  }

  @Override
  public String toString() {
    return "SwarmNode[" + id() + " in " + swarmName() + ", " + view().size() + " peers]";
  }

  private void installed(View view) {
    List<MembershipEvent> events;
    synchronized (viewLock) {
      List<PeerInfo> infos = new ArrayList<>();
      Map<Address, PeerInfo> byAddress = new HashMap<>();
      Map<PeerId, Address> byId = new HashMap<>();
      for (Address member : view.getMembersRaw()) {
        PeerInfo info = PeerAdvertisement.read(member);
        infos.add(info);
        byAddress.put(member, info);
        Address twin = byId.put(info.id(), member);
        if (twin != null) {
          LOG.warn(
              "two members of swarm '{}' claim peer id {}: {} and {}",
              swarmName(),
              info.id(),
              twin,
              member);
        }
      }
      SwarmView next = new SwarmView(view.getViewId().getId(), infos);
      events = ViewDiff.between(members.view(), next, view instanceof MergeView);
      members = new Members(next, Map.copyOf(byAddress), Map.copyOf(byId));
    }
    events.forEach(this::publish);
  }

  private void suspected(List<Address> suspects) {
    Members now = members;
    for (Address a : suspects) {
      PeerInfo info = now.byAddress().get(a);
      publish(new MembershipEvent.Suspected(info != null ? info : PeerAdvertisement.read(a)));
    }
  }

  private void publish(MembershipEvent event) {
    for (MembershipListener listener : listeners) {
      try {
        listener.onMembershipEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("membership listener {} failed on {}", listener, event, e);
      }
    }
  }

  private void deliver(Message msg) {
    if (!(msg instanceof BytesMessage) || !msg.hasArray()) {
      counters.malformed.increment();
      LOG.debug(
          "dropped a {} from {}: not a byte envelope",
          msg.getClass().getSimpleName(),
          msg.getSrc());
      return;
    }
    switch (Envelope.decode(msg.getArray(), msg.getOffset(), msg.getLength())) {
      case Envelope.Malformed m -> {
        counters.malformed.increment();
        LOG.debug("dropped a malformed envelope from {}: {}", msg.getSrc(), m.reason());
      }
      case Envelope.UnsupportedVersion v -> {
        counters.unsupportedVersion.increment();
        LOG.debug("dropped an envelope of format {} from {}", v.version(), msg.getSrc());
      }
      case Envelope.UnknownKind k -> {
        counters.unknownKind.increment();
        LOG.debug("dropped an envelope of unknown kind {} from {}", k.code(), msg.getSrc());
      }
      case Envelope.Valid(Envelope envelope) -> dispatch(msg.getSrc(), envelope);
    }
  }

  private void dispatch(Address src, Envelope envelope) {
    EnvelopeHandler handler;
    synchronized (handlers) {
      handler = handlers.get(envelope.kind());
    }
    if (handler == null) {
      counters.noHandler.increment();
      return;
    }
    PeerInfo from = members.byAddress().get(src);
    PeerId sender = from != null ? from.id() : PeerAdvertisement.read(src).id();
    try {
      handler.onDelivery(
          new Delivery(sender, envelope.kind(), envelope.kindVersion(), envelope.payload()));
      counters.delivered.increment();
    } catch (RuntimeException e) {
      counters.handlerFailures.increment();
      LOG.warn("{} handler failed on an envelope from {}", envelope.kind(), sender, e);
    }
  }

  /** JGroups' callbacks; nothing thrown here may reach JGroups threads. */
  private final class Inbound implements Receiver {
    @Override
    public void receive(Message msg) {
      try {
        deliver(msg);
      } catch (RuntimeException e) {
        counters.malformed.increment();
        LOG.warn("dropped a message from {} that could not be read", msg.getSrc(), e);
      }
    }

    @Override
    public void viewAccepted(View view) {
      try {
        installed(view);
      } catch (RuntimeException e) {
        LOG.error("could not process view {}", view, e);
      }
    }
  }
}
