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
 * The optional peer config file ({@code --config FILE}): one {@code key = value} per line, {@code
 * #} starts a comment line, blank lines are ignored, values are taken as written (no quotes). Keys
 * are those of {@link SettingKey}, e.g.
 *
 * <pre>
 * swarm = lab
 * discovery = tcp:10.0.0.5:7800,10.0.0.6:7800
 * admin = 0.0.0.0:7070
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
