package dev.simplex.peer.swarm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The optional peer config file ({@code --config FILE}): one {@code key = value} per line, lines
 * starting with {@code #} are comments, blank lines are ignored, values are taken as written (no
 * quotes). The keys are the long flags of {@code simplex peer} without the dashes; a flag given on
 * the command line wins over the file.
 *
 * <pre>
 * # the swarm to join (default: simplex)
 * swarm = lab
 * # default: kept in DATA/peer-id, random at first start
 * peer-id = lab-1
 * # address or JGroups keyword (default: SITE_LOCAL); transport port (default: 7800; 0 = any)
 * bind = 10.0.0.5
 * port = 7800
 * # multicast (default) | tcp:HOST:PORT,... | gossip:HOST:PORT[,HOST:PORT]
 * discovery = tcp:10.0.0.5:7800,10.0.0.6:7800
 * # data directory (default: ~/.simplex/peer)
 * data = /var/lib/simplex
 * # at least 8 characters; the environment variable SIMPLEX_SWARM_SECRET wins over the file
 * secret = a-long-shared-secret
 * # admin endpoint (default: 127.0.0.1:7070; port 0 = any)
 * admin = 0.0.0.0:7070
 * # data grid port (default: port + 200; 0 = any), backups per entry (0..6, default 1),
 * # split-brain protection size (default: 0, off)
 * grid-port = 8000
 * grid-backups = 1
 * grid-min-members = 2
 * # move actors to less loaded peers (on | off, default on)
 * rebalance = on
 * # seconds a cleanly stopping peer moves its actors to the others (0 = none; default 20)
 * stop-drain = 20
 * </pre>
 *
 * An unknown key, a repeated key or a line without {@code =} is an error naming the file and line.
 */
record ConfigFile(Path path, Map<SettingKey, Entry> entries) {

  /** One value and the line it came from, for error messages. */
  record Entry(String value, int line) {}

  static ConfigFile read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--config " + path + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("--config " + path + " cannot be read: " + e.getMessage(), e);
    }
    return parse(path, lines);
  }

  static ConfigFile parse(Path path, List<String> lines) {
    Map<SettingKey, Entry> entries = new EnumMap<>(SettingKey.class);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            path + ":" + number + ": expected 'key = value', got '" + line + "'");
      }
      String name = line.substring(0, eq).strip();
      SettingKey key =
          SettingKey.named(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          path
                              + ":"
                              + number
                              + ": unknown key '"
                              + name
                              + "' (known keys: "
                              + SettingKey.known()
                              + ")"));
      Entry earlier = entries.put(key, new Entry(line.substring(eq + 1).strip(), number));
      if (earlier != null) {
        throw new IllegalArgumentException(
            path + ":" + number + ": key '" + name + "' is already set on line " + earlier.line());
      }
    }
    return new ConfigFile(path, Map.copyOf(entries));
  }

  /** Where a value from this file came from, as error messages name it. */
  String origin(SettingKey key) {
    return path + ":" + entries.get(key).line() + ": " + key.key;
  }
}
