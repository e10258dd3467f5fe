package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceConfigTest {
  private static final String FULL =
      """
      # a peer's inference section
      cache_dir = "/var/simplex/models"   # quoted, with a comment after
      queue_capacity = 64
      builtin_device = cpu

      [model.mini-embed]
      engine = pytorch
      task = embed
      path = /models/mini.pt
      tokenizer = ngram-hash:1024
      device = gpu(1)
      max_batch = 16
      max_wait_ms = 3
      preload = true

      [model.gpt]
      engine = openai
      task = complete
      base_url = http://127.0.0.1:8000/v1
      remote_model = "llama-3 #8b"
      api_key_env = TEST_KEY
      api = completions
      timeout_ms = 1500

      [tiers]
      fast = simplex-complete
      quality = gpt, mini-embed
      """;

  @Test
  void parsesModelsTiersAndTopLevelSettings() {
    InferenceConfig c =
        InferenceConfig.parse(FULL, "peer.conf", k -> k.equals("TEST_KEY") ? "sk-test" : null);
    assertEquals(Path.of("/var/simplex/models"), c.cacheDir());
    assertEquals(64, c.queueCapacity());
    ModelSpec mini = c.models().get("mini-embed");
    assertEquals(ModelSpec.Engine.PYTORCH, mini.engine());
    assertEquals(ModelSpec.Task.EMBED, mini.task());
    assertEquals(new DeviceChoice.Gpu(1), mini.device());
    assertEquals(16, mini.maxBatch());
    assertEquals(Duration.ofMillis(3), mini.maxWait());
    assertTrue(mini.preload());
    ModelSpec.Remote gpt = c.models().get("gpt").remote().orElseThrow();
    assertEquals("llama-3 #8b", gpt.remoteModel());
    assertEquals("sk-test", gpt.apiKey().orElseThrow());
    assertFalse(
        c.models().get("gpt").toString().contains("sk-test"),
        "the API key never reaches a log line");
    assertFalse(gpt.chat());
    assertEquals(Duration.ofMillis(1500), gpt.timeout());
    assertEquals(
        Map.of("fast", List.of("simplex-complete"), "quality", List.of("gpt", "mini-embed")),
        c.tiers());
  }

  @Test
  void emptyTextGivesTheDefaults() {
    InferenceConfig c = InferenceConfig.parse("", "empty.conf");
    assertTrue(c.models().isEmpty());
    assertEquals(InferenceConfig.defaults().queueCapacity(), c.queueCapacity());
  }

  private static ConfigException fails(String text) {
    return assertThrows(
        ConfigException.class, () -> InferenceConfig.parse(text, "bad.conf", k -> null));
  }

  @Test
  void badIntegerNamesTheFullKeyAndLine() {
    ConfigException e =
        fails("[model.m]\nengine = pytorch\ntask = embed\npath = /m.pt\nmax_batch = lots\n");
    assertEquals("model.m.max_batch", e.key());
    assertTrue(e.getMessage().startsWith("bad.conf:5: key 'model.m.max_batch'"), e.getMessage());
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
  }

  @Test
  void unknownKeyIsRejectedWithTheAcceptedOnes() {
    ConfigException e =
        fails("[model.m]\nengine = pytorch\ntask = embed\npath = /m.pt\nmax_bacth = 4\n");
    assertEquals("model.m.max_bacth", e.key());
    assertTrue(e.getMessage().contains("max_batch"), e.getMessage());
  }

  @Test
  void missingRequiredKeysAreNamed() {
    assertEquals("model.m.task", fails("[model.m]\nengine = pytorch\npath = /m.pt\n").key());
    assertEquals("model.m.path", fails("[model.m]\nengine = pytorch\ntask = embed\n").key());
    assertEquals(
        "model.r.base_url",
        fails("[model.r]\nengine = openai\ntask = complete\nremote_model = x\n").key());
  }

  @Test
  void badEnumDeviceAndBooleanValuesAreRejected() {
    assertEquals("model.m.engine", fails("[model.m]\nengine = tensorflow\n").key());
    assertEquals(
        "model.m.device",
        fails("[model.m]\nengine = pytorch\ntask = embed\npath = /p\ndevice = tpu\n").key());
    assertEquals(
        "model.m.preload",
        fails("[model.m]\nengine = pytorch\ntask = embed\npath = /p\npreload = yes\n").key());
    assertEquals(
        "model.m.tokenizer",
        fails("[model.m]\nengine = pytorch\ntask = embed\npath = /p\ntokenizer = bpe\n").key());
  }

  @Test
  void unsetApiKeyVariableIsReported() {
    ConfigException e =
        fails(
            "[model.r]\nengine = openai\ntask = complete\nbase_url = http://h/v1\nremote_model = x\napi_key_env = NOPE\n");
    assertEquals("model.r.api_key_env", e.key());
    assertTrue(e.getMessage().contains("NOPE"));
  }

  @Test
  void nonHttpBaseUrlIsRejected() {
    assertEquals(
        "model.r.base_url",
        fails("[model.r]\nengine = openai\ntask = embed\nbase_url = ftp://h/v1\nremote_model = x\n")
            .key());
  }

  @Test
  void tierNamingAnUnknownModelIsRejected() {
    ConfigException e = fails("[tiers]\ndefault = nowhere\n");
    assertEquals("tiers.default", e.key());
    assertTrue(e.getMessage().contains("nowhere"));
    assertEquals("tiers.turbo", fails("[tiers]\nturbo = simplex-embed\n").key());
  }

  @Test
  void syntaxErrorsPointAtTheLine() {
    assertTrue(fails("queue_capacity 5\n").getMessage().startsWith("bad.conf:1:"));
    assertTrue(fails("\n[model.m\n").getMessage().startsWith("bad.conf:2:"));
    assertTrue(fails("[storage]\n").getMessage().contains("unknown section"));
    assertEquals("cache_dir", fails("cache_dir = \"/tmp/x\n").key());
    assertEquals("queue_capacity", fails("queue_capacity = 1\nqueue_capacity = 2\n").key());
    assertEquals(
        "model.simplex-embed",
        fails("[model.simplex-embed]\nengine = pytorch\ntask = embed\npath = /p\n").key());
  }

  @Test
  void deviceChoicesParse() {
    assertEquals(new DeviceChoice.Cpu(), DeviceChoice.parse("CPU"));
    assertEquals(new DeviceChoice.Gpu(0), DeviceChoice.parse("gpu"));
    assertEquals(new DeviceChoice.Gpu(2), DeviceChoice.parse("gpu(2)"));
    assertEquals(new DeviceChoice.Auto(), DeviceChoice.parse(" auto "));
    assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("gpu(-1)"));
  }

  @Test
  void routeAndRemoteTimeoutParse() {
    InferenceConfig c =
        InferenceConfig.parse("route = remote-first\nremote_timeout_ms = 250\n", "r.conf");
    assertEquals(Routing.Policy.REMOTE_FIRST, c.routing().policy());
    assertEquals(java.time.Duration.ofMillis(250), c.routing().timeout());
    assertEquals(Routing.defaults(), InferenceConfig.parse("", "r.conf").routing());
  }

  @Test
  void badRouteNamesTheKeyAndTheAcceptedValues() {
    ConfigException e = fails("route = nearest\n");
    assertEquals("route", e.key());
    assertTrue(e.getMessage().contains("local-first, remote-first or local-only"), e.getMessage());
    assertEquals("remote_timeout_ms", fails("remote_timeout_ms = 0\n").key());
  }

  @Test
  void aSwarmModelNeedsNoPathAndMayJoinATier() {
    InferenceConfig c =
        InferenceConfig.parse(
            "[model.gpu-embed]\nengine = swarm\ntask = embed\n[tiers]\nquality = gpu-embed\n",
            "s.conf");
    assertEquals(ModelSpec.Engine.SWARM, c.models().get("gpu-embed").engine());
    assertEquals(List.of("gpu-embed"), c.tiers().get("quality"));
  }
}
