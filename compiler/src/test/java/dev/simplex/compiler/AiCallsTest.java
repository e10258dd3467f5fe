package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Disassembler;
import org.junit.jupiter.api.Test;

/** {@code ai::embed} and {@code ai::complete} (language.md §11) type-check and lower to AI_*. */
class AiCallsTest {
  private static String disassembly(String source) {
    CompileResult r = Compiler.compileSource("ai.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    return Disassembler.disassemble(r.module());
  }

  private static String first(String source) {
    var lines = Programs.errors(source).lines().toList();
    return lines.get(0) + "\n" + lines.get(1).trim();
  }

  @Test
  void embedLowersToAiEmbedAndGivesAVector() {
    String text =
        disassembly(
            """
            fn main() {
                let v: Vector = ai::embed("the cat sat")
                println("{v.len()} {ai::similarity(v, ai::embed("a cat", model: "default"))}")
            }
            """);
    assertTrue(text.contains("AI_EMBED"), text);
    assertFalse(text.contains("AI_COMPLETE"), text);
  }

  @Test
  void completeTakesEveryOptionalArgumentByNameAndLowersToAiComplete() {
    String text =
        disassembly(
            """
            fn main() {
                let s: String = ai::complete("Say hi:", temperature: 0.2, max_tokens: 8, stop: ["\\n"])
                let t = ai::complete("Again:", "default", 1.0, 16, [])
                println("{s.len() + t.len()}")
            }
            """);
    assertTrue(text.contains("AI_COMPLETE"), text);
  }

  @Test
  void modelCallsWorkInsideActorHandlers() {
    String text =
        disassembly(
            """
            actor Summarizer {
                receive Summarize(text: String) -> String {
                    ai::complete("Summarize: {text}", max_tokens: 64)
                }
            }
            fn main() {}
            """);
    assertTrue(text.contains("AI_COMPLETE"), text);
  }

  @Test
  void argumentsAreReadNotMoved() {
    disassembly(
        """
        fn main() {
            let prompt = "hello"
            let stops = ["."]
            let a = ai::complete(prompt, stop: stops)
            let b = ai::embed(prompt)
            println("{prompt} {stops.len()} {a.len()} {b.len()}")
        }
        """);
  }

  @Test
  void embedOfANumberIsAMismatch() {
    assertEquals(
        "error[E0200]: mismatched types: expected `String`, found `i64`\n--> test.sx:1:31",
        first("fn main() { let v = ai::embed(42) }"));
  }

  @Test
  void temperatureMustBeAFloat() {
    assertEquals(
        "error[E0200]: mismatched types: expected `f64`, found `String`\n--> test.sx:1:52",
        first("fn main() { let s = ai::complete(\"p\", temperature: \"hot\") }"));
  }

  @Test
  void stopMustBeAListOfStrings() {
    assertTrue(
        first("fn main() { let s = ai::complete(\"p\", stop: [1, 2]) }")
            .startsWith("error[E0200]"));
  }

  @Test
  void completionIsAStringNotAVector() {
    assertTrue(
        first("fn main() { let v: Vector = ai::complete(\"p\") }").startsWith("error[E0200]"));
  }

  @Test
  void unknownParameterNameIsE0202AtTheArgument() {
    assertEquals(
        "error[E0202]: `ai::embed` has no parameter named `temperature`\n--> test.sx:1:36",
        first("fn main() { let v = ai::embed(\"x\", temperature: 0.5) }"));
  }

  @Test
  void missingPromptIsE0202() {
    assertEquals(
        "error[E0202]: missing argument `prompt` of `ai::complete`\n--> test.sx:1:21",
        first("fn main() { let s = ai::complete(model: \"default\") }"));
  }

  @Test
  void tooManyArgumentsIsE0201AtTheCallee() {
    assertEquals(
        "error[E0201]: `ai::embed` takes at most 2 arguments\n--> test.sx:1:21",
        first("fn main() { let v = ai::embed(\"x\", \"default\", 3) }"));
  }

  @Test
  void anArgumentGivenTwiceIsE0202() {
    assertTrue(
        first("fn main() { let v = ai::embed(\"x\", model: \"a\", model: \"b\") }")
            .startsWith("error[E0202]: argument `model` of `ai::embed` is given twice"));
  }
}
