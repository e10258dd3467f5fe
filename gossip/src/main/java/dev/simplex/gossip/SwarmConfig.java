package dev.simplex.gossip;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything needed to join a swarm, from {@code --swarm}, {@code --bind}, {@code --port}, {@code
 * --discovery} and {@code --secret}, plus what this peer advertises to the others. Start from
 * {@link #forSwarm} and override with the {@code with} methods; each checks its input.
 *
 * @param bindAddress an address, host name, or a JGroups keyword such as {@code SITE_LOCAL}
 * @param port the transport port; 0 lets the OS choose (fine for multicast and gossip discovery)
 * @param advertisedHost the host other peers use for this peer's services; empty means the bind
 *     address
 */
public record SwarmConfig(
    String swarmName,
    PeerId peerId,
    String bindAddress,
    int port,
    Discovery discovery,
    Optional<String> secret,
    String advertisedHost,
    int hazelcastPort,
    int adminPort,
    Map<String, String> attributes) {

  public static final int DEFAULT_PORT = 7800;
  public static final String DEFAULT_BIND = "SITE_LOCAL";
  static final int MAX_ATTRIBUTES = 32;
  static final int MAX_ATTRIBUTE_BYTES = 1024;
  private static final Pattern SWARM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public SwarmConfig {
    if (swarmName == null || !SWARM_NAME.matcher(swarmName).matches()) {
      throw new IllegalArgumentException(
          "--swarm '"
              + swarmName
              + "' is invalid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit");
    }
    if (peerId == null) {
      throw new IllegalArgumentException("a peer id is required");
    }
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("--bind must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port " + port + " is outside 0..65535");
    }
    if (discovery == null) {
      throw new IllegalArgumentException("a discovery method is required");
    }
    secret = secret == null ? Optional.empty() : secret;
    secret.ifPresent(
        s -> {
          if (s.length() < SwarmKeys.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                "--secret must be at least " + SwarmKeys.MIN_SECRET_LENGTH + " characters long");
          }
        });
    advertisedHost = advertisedHost == null ? "" : advertisedHost.strip();
    new PeerInfo(peerId, "", advertisedHost, hazelcastPort, adminPort, Map.of()); // port checks
    attributes = Map.copyOf(checkAttributes(attributes));
  }

  /** Defaults: a random peer id, SITE_LOCAL bind address, port 7800, multicast, no secret. */
  public static SwarmConfig forSwarm(String swarmName) {
    return new SwarmConfig(
        swarmName,
        PeerId.random(),
        DEFAULT_BIND,
        DEFAULT_PORT,
        new Discovery.Multicast(),
        Optional.empty(),
        "",
        0,
        0,
        Map.of());
  }

  public SwarmConfig withPeerId(PeerId id) {
    return new SwarmConfig(
        swarmName,
        id,
        bindAddress,
        port,
        discovery,
        secret,
        advertisedHost,
        hazelcastPort,
        adminPort,
        attributes);
  }

  public SwarmConfig withBind(String address, int port) {
    return new SwarmConfig(
        swarmName,
        peerId,
        address,
        port,
        discovery,
        secret,
        advertisedHost,
        hazelcastPort,
        adminPort,
        attributes);
  }

  public SwarmConfig withDiscovery(Discovery discovery) {
    return new SwarmConfig(
        swarmName,
        peerId,
        bindAddress,
        port,
        discovery,
        secret,
        advertisedHost,
        hazelcastPort,
        adminPort,
        attributes);
  }

  public SwarmConfig withSecret(String secret) {
    return new SwarmConfig(
        swarmName,
        peerId,
        bindAddress,
        port,
        discovery,
        Optional.ofNullable(secret),
        advertisedHost,
        hazelcastPort,
        adminPort,
        attributes);
  }

  /** What this peer tells the others about its Hazelcast member and admin endpoint. */
  public SwarmConfig withAdvertised(String host, int hazelcastPort, int adminPort) {
    return new SwarmConfig(
        swarmName,
        peerId,
        bindAddress,
        port,
        discovery,
        secret,
        host,
        hazelcastPort,
        adminPort,
        attributes);
  }

  public SwarmConfig withAttribute(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(attributes);
    more.put(key, value);
    return new SwarmConfig(
        swarmName,
        peerId,
        bindAddress,
        port,
        discovery,
        secret,
        advertisedHost,
        hazelcastPort,
        adminPort,
        more);
  }

  private static Map<String, String> checkAttributes(Map<String, String> attributes) {
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException(
          attributes.size() + " peer attributes given; at most " + MAX_ATTRIBUTES + " fit");
    }
    attributes.forEach(
        (k, v) -> {
          if (k == null || !ATTRIBUTE_KEY.matcher(k).matches()) {
            throw new IllegalArgumentException(
                "peer attribute name '"
                    + k
                    + "' is invalid: use 1-64 letters, digits, '.', '_', '-'");
          }
          if (v == null || v.length() > MAX_ATTRIBUTE_BYTES) {
            throw new IllegalArgumentException(
                "peer attribute '"
                    + k
                    + "' must have a value of at most "
                    + MAX_ATTRIBUTE_BYTES
                    + " characters");
          }
        });
    return attributes;
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "SwarmConfig[swarm=%s, peer=%s, bind=%s:%d, discovery=%s, secret=%s, advertised=%s, hz=%d, admin=%d, attributes=%s]"
        .formatted(
            swarmName,
            peerId,
            bindAddress,
            port,
            discovery,
            secret.isPresent() ? "set" : "none",
            advertisedHost,
            hazelcastPort,
            adminPort,
            attributes);
  }
}
