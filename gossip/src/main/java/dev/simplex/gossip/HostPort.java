package dev.simplex.gossip;

import java.net.InetSocketAddress;

/**
 * A host and TCP/UDP port as written on the command line: {@code host:port} or {@code [v6]:port}.
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " of " + host + " is outside 1..65535");
    }
  }

  /** Parses {@code host:port}; {@code what} names the option in error messages. */
  public static HostPort parse(String text, String what) {
    String s = text == null ? "" : text.strip();
    int colon = s.lastIndexOf(':');
    if (s.isEmpty() || colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException(
          what + ": expected HOST:PORT (e.g. 10.0.0.5:7800) but got '" + text + "'");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          what + ": write IPv6 addresses in brackets, e.g. [::1]:7800, not '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": port in '" + text + "' is not a number", e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + ": port in '" + text + "' is outside 1..65535");
    }
    return new HostPort(host, port);
  }

  /** An unresolved socket address, so parsing never blocks on DNS. */
  InetSocketAddress toSocketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
