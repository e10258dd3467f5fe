package dev.simplex.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private static final List<String> LABELS = List.of("Weather", "HomeCooking", "Networking");

  @Test
  void enumNamesReadAsWords() {
    assertEquals("red alert", Labels.asWords("RedAlert"));
    assertEquals("red alert", Labels.asWords("red_alert"));
    assertEquals("http2 error", Labels.asWords("Http2Error"));
  }

  @Test
  void answersNameALabelExactlyOrByMention() {
    assertEquals("HomeCooking", Labels.match("m", " Home cooking.", LABELS));
    assertEquals("Networking", Labels.match("m", "I would say networking, maybe weather", LABELS));
    assertEquals("Weather", Labels.match("m", "WEATHER", LABELS));
  }

  @Test
  void anAnswerNamingNoLabelIsInvalidOutput() {
    AiException e = assertThrows(AiException.class, () -> Labels.match("m", "bananas", LABELS));
    assertEquals(AiError.InvalidOutput, e.error());
    assertTrue(e.getMessage().contains("bananas"));
  }

  private static ModelSpec classifier(List<String> labels) {
    return new ModelSpec(
        "clf",
        ModelSpec.Engine.PYTORCH,
        ModelSpec.Task.CLASSIFY,
        Optional.of(java.nio.file.Path.of("/m.pt")),
        "ngram-hash",
        new DeviceChoice.Cpu(),
        4,
        Duration.ZERO,
        false,
        100,
        labels,
        Optional.empty());
  }

  @Test
  void aClassifierPicksTheBestOfTheRequestedLabels() {
    ModelSpec spec = classifier(List.of("weather", "home_cooking", "networking"));
    double[] scores = {0.1, 0.9, 0.5};
    assertEquals("HomeCooking", Labels.best(spec, scores, LABELS));
    assertEquals("Networking", Labels.best(spec, scores, List.of("Weather", "Networking")));
  }

  @Test
  void unknownLabelsAndWrongScoreCountsAreInvalidOutput() {
    ModelSpec spec = classifier(List.of("weather", "networking"));
    assertEquals(
        AiError.InvalidOutput,
        assertThrows(
                AiException.class, () -> Labels.best(spec, new double[] {1, 2}, List.of("Sports")))
            .error());
    assertEquals(
        AiError.InvalidOutput,
        assertThrows(
                AiException.class, () -> Labels.best(spec, new double[] {1}, List.of("Weather")))
            .error());
  }

  @Test
  void aPytorchClassifierNeedsItsLabels() {
    assertThrows(IllegalArgumentException.class, () -> classifier(List.of()));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                InferenceConfig.parse(
                    "[model.c]\nengine = pytorch\ntask = classify\npath = /c.pt\n", "c.conf"));
    assertEquals("model.c.labels", e.key());
  }
}
