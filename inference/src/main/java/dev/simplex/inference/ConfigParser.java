package dev.simplex.inference;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Reads the TOML-like text format documented on {@link InferenceConfig#parse}. */
final class ConfigParser {
  private static final Set<String> TOP_KEYS =
      Set.of(
          "cache_dir",
          "queue_capacity",
          "builtin_device",
          "builtin_max_batch",
          "builtin_max_wait_ms",
          "route",
          "remote_timeout_ms");
  private static final Set<String> MODEL_KEYS =
      Set.of(
          "engine",
          "task",
          "path",
          "tokenizer",
          "device",
          "max_batch",
          "max_wait_ms",
          "preload",
          "max_input_chars",
          "labels",
          "base_url",
          "remote_model",
          "api_key",
          "api_key_env",
          "api",
          "timeout_ms");
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** A value with the line it came from, so late checks still point at the right place. */
  private record Entry(String value, int line) {}

  private final String source;
  private final UnaryOperator<String> env;

  ConfigParser(String source, UnaryOperator<String> env) {
    this.source = source;
    this.env = env;
  }

  InferenceConfig parse(String text) {
    Map<String, Entry> top = new HashMap<>();
    Map<String, Map<String, Entry>> models = new LinkedHashMap<>();
    Map<String, Integer> modelLines = new HashMap<>();
    Map<String, Entry> tiers = new HashMap<>();
    Map<String, Entry> section = top;
    String prefix = "";
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = stripComment(lines[i], lineNo).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          throw new ConfigException(source, lineNo, "", "section head must end with ']': " + line);
        }
        String head = line.substring(1, line.length() - 1).strip();
        if (head.equals("tiers")) {
          section = tiers;
          prefix = "tiers.";
        } else if (head.startsWith("model.") && MODEL_NAME.matcher(head.substring(6)).matches()) {
          String name = head.substring(6);
          if (models.containsKey(name)) {
            throw new ConfigException(
                source, lineNo, head, "model '" + name + "' is defined twice");
          }
          section = new HashMap<>();
          models.put(name, section);
          modelLines.put(name, lineNo);
          prefix = head + ".";
        } else {
          throw new ConfigException(
              source,
              lineNo,
              "",
              "unknown section [" + head + "]; expected [model.NAME] or [tiers]");
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(source, lineNo, "", "expected 'key = value', got: " + line);
      }
      String key = line.substring(0, eq).strip();
      String value = unquote(line.substring(eq + 1).strip(), prefix + key, lineNo);
      Set<String> allowed =
          section == top
              ? TOP_KEYS
              : section == tiers ? Set.copyOf(InferenceConfig.TIER_NAMES) : MODEL_KEYS;
      if (!allowed.contains(key)) {
        throw new ConfigException(
            source, lineNo, prefix + key, "unknown key; expected one of " + sorted(allowed));
      }
      if (section.put(key, new Entry(value, lineNo)) != null) {
        throw new ConfigException(source, lineNo, prefix + key, "set twice");
      }
    }
    return build(top, models, modelLines, tiers);
  }

  private InferenceConfig build(
      Map<String, Entry> top,
      Map<String, Map<String, Entry>> models,
      Map<String, Integer> modelLines,
      Map<String, Entry> tiers) {
    InferenceConfig d = InferenceConfig.defaults();
    Path cacheDir =
        top.containsKey("cache_dir") ? Path.of(top.get("cache_dir").value()) : d.cacheDir();
    int queue = integer(top, "", "queue_capacity", d.queueCapacity(), 1, 1_000_000);
    DeviceChoice builtinDevice = device(top, "", "builtin_device", d.builtinDevice());
    int builtinBatch = integer(top, "", "builtin_max_batch", d.builtinMaxBatch(), 1, 1024);
    Duration builtinWait =
        Duration.ofMillis(
            integer(
                top, "", "builtin_max_wait_ms", (int) d.builtinMaxWait().toMillis(), 0, 60_000));
    Routing routing = routing(top, d.routing());
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    for (var e : models.entrySet()) {
      specs.put(e.getKey(), model(e.getKey(), e.getValue(), modelLines.get(e.getKey())));
    }
    Map<String, List<String>> tierMap = new HashMap<>();
    for (var e : tiers.entrySet()) {
      List<String> names = new ArrayList<>();
      for (String n : e.getValue().value().split(",")) {
        String name = n.strip();
        if (name.isEmpty()) {
          continue;
        }
        if (!specs.containsKey(name) && !BuiltinModels.NAMES.contains(name)) {
          throw new ConfigException(
              source,
              e.getValue().line(),
              "tiers." + e.getKey(),
              "names model '" + name + "', which is neither configured nor built in");
        }
        names.add(name);
      }
      tierMap.put(e.getKey(), List.copyOf(names));
    }
    return new InferenceConfig(
        cacheDir, queue, builtinDevice, builtinBatch, builtinWait, specs, tierMap, routing);
  }

  private ModelSpec model(String name, Map<String, Entry> m, int headLine) {
    String p = "model." + name + ".";
    ModelSpec.Engine engine = choice(m, p, "engine", ModelSpec.Engine.class, headLine);
    ModelSpec.Task task = choice(m, p, "task", ModelSpec.Task.class, headLine);
    if (BuiltinModels.NAMES.contains(name)) {
      throw new ConfigException(
          source, headLine, "model." + name, "'" + name + "' is a built-in model name");
    }
    Optional<Path> path = Optional.ofNullable(m.get("path")).map(e -> Path.of(e.value()));
    Optional<ModelSpec.Remote> remote = Optional.empty();
    if (engine == ModelSpec.Engine.PYTORCH && path.isEmpty()) {
      throw new ConfigException(source, headLine, p + "path", "required for engine pytorch");
    }
    if (engine == ModelSpec.Engine.OPENAI) {
      remote = Optional.of(remote(m, p, headLine));
    }
    String tokenizer = m.containsKey("tokenizer") ? m.get("tokenizer").value() : "ngram-hash";
    try {
      Tokenizer.parse(tokenizer);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, m.get("tokenizer").line(), p + "tokenizer", e.getMessage());
    }
    List<String> labels =
        m.containsKey("labels")
            ? Arrays.stream(m.get("labels").value().split(","))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList()
            : List.of();
    if (task == ModelSpec.Task.CLASSIFY && engine == ModelSpec.Engine.PYTORCH && labels.isEmpty()) {
      throw new ConfigException(
          source,
          headLine,
          p + "labels",
          "required for a pytorch classify model: the class of each output, in order");
    }
    return new ModelSpec(
        name,
        engine,
        task,
        path,
        tokenizer,
        device(m, p, "device", new DeviceChoice.Auto()),
        integer(m, p, "max_batch", 32, 1, 1024),
        Duration.ofMillis(integer(m, p, "max_wait_ms", 5, 0, 60_000)),
        bool(m, p, "preload", false),
        integer(m, p, "max_input_chars", 32_768, 1, 10_000_000),
        labels,
        remote);
  }

  private Routing routing(Map<String, Entry> top, Routing dflt) {
    Routing.Policy policy = dflt.policy();
    Entry route = top.get("route");
    if (route != null) {
      try {
        policy = Routing.Policy.parse(route.value());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source, route.line(), "route", e.getMessage());
      }
    }
    int timeout =
        integer(top, "", "remote_timeout_ms", (int) dflt.timeout().toMillis(), 1, 3_600_000);
    return new Routing(policy, Duration.ofMillis(timeout));
  }

  private ModelSpec.Remote remote(Map<String, Entry> m, String p, int headLine) {
    Entry base = m.get("base_url");
    if (base == null) {
      throw new ConfigException(source, headLine, p + "base_url", "required for engine openai");
    }
    URI uri;
    try {
      uri = new URI(base.value());
    } catch (URISyntaxException e) {
      throw new ConfigException(
          source, base.line(), p + "base_url", "not a URL: " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new ConfigException(
          source, base.line(), p + "base_url", "must start with http:// or https://");
    }
    Entry remoteModel = m.get("remote_model");
    if (remoteModel == null) {
      throw new ConfigException(source, headLine, p + "remote_model", "required for engine openai");
    }
    Optional<String> key = Optional.ofNullable(m.get("api_key")).map(Entry::value);
    Entry keyEnv = m.get("api_key_env");
    if (keyEnv != null) {
      String v = env.apply(keyEnv.value());
      if (v == null || v.isBlank()) {
        throw new ConfigException(
            source,
            keyEnv.line(),
            p + "api_key_env",
            "environment variable " + keyEnv.value() + " is not set");
      }
      key = Optional.of(v);
    }
    String api = m.containsKey("api") ? m.get("api").value() : "chat";
    if (!api.equals("chat") && !api.equals("completions")) {
      throw new ConfigException(
          source,
          m.get("api").line(),
          p + "api",
          "expected chat or completions, got '" + api + "'");
    }
    Duration timeout = Duration.ofMillis(integer(m, p, "timeout_ms", 60_000, 1, 3_600_000));
    return new ModelSpec.Remote(uri, remoteModel.value(), key, api.equals("chat"), timeout);
  }

  private <E extends Enum<E>> E choice(
      Map<String, Entry> m, String p, String key, Class<E> type, int headLine) {
    Entry e = m.get(key);
    String accepted =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .toList()
            .toString();
    if (e == null) {
      throw new ConfigException(source, headLine, p + key, "required; one of " + accepted);
    }
    try {
      return Enum.valueOf(type, e.value().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      throw new ConfigException(
          source, e.line(), p + key, "expected one of " + accepted + ", got '" + e.value() + "'");
    }
  }

  private int integer(Map<String, Entry> m, String p, String key, int dflt, int min, int max) {
    Entry e = m.get(key);
    if (e == null) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(e.value());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the accepted range
    }
    throw new ConfigException(
        source,
        e.line(),
        p + key,
        "expected an integer in " + min + ".." + max + ", got '" + e.value() + "'");
  }

  private boolean bool(Map<String, Entry> m, String p, String key, boolean dflt) {
    Entry e = m.get(key);
    if (e == null) {
      return dflt;
    }
    return switch (e.value()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigException(
              source, e.line(), p + key, "expected true or false, got '" + e.value() + "'");
    };
  }

  private DeviceChoice device(Map<String, Entry> m, String p, String key, DeviceChoice dflt) {
    Entry e = m.get(key);
    if (e == null) {
      return dflt;
    }
    try {
      return DeviceChoice.parse(e.value());
    } catch (IllegalArgumentException ex) {
      throw new ConfigException(source, e.line(), p + key, ex.getMessage());
    }
  }

  private String stripComment(String line, int lineNo) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private String unquote(String raw, String key, int lineNo) {
    if (!raw.startsWith("\"")) {
      if (raw.isEmpty()) {
        throw new ConfigException(source, lineNo, key, "has no value");
      }
      return raw;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"') {
        if (i != raw.length() - 1) {
          throw new ConfigException(source, lineNo, key, "text after the closing quote");
        }
        return out.toString();
      }
      if (c == '\\' && i + 1 < raw.length()) {
        char n = raw.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        out.append(c);
      }
    }
    throw new ConfigException(source, lineNo, key, "unterminated quoted value");
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
