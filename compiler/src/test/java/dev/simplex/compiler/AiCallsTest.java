package dev.simplex.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.simplex.sbc.Disassembler;
import dev.simplex.sbc.Vm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ai:: functions of language.md §11 type-check and lower to AI_CALL / AI_EXTRACT / AI_CLASSIFY
 * with an options map (AI_CONTRACT.md); programs run against the deterministic model of {@link
 * LocalActors}.
 */
class AiCallsTest {
  /** Compiles and runs against {@link LocalActors}; stdout, then "exit N". */
  private static String run(String source) {
    CompileResult r = Compiler.compileSource("ai.sx", source, CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LocalActors runtime = new LocalActors();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      Vm vm = new Vm(r.module(), o, o, runtime);
      runtime.attach(vm);
      exit = vm.runMain(List.of());
      runtime.shutdown();
    }
    return out.toString(StandardCharsets.UTF_8) + "exit " + exit + "\n";
  }

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
  void embedLowersToAiCallKindThreeAndGivesAVector() {
    String text =
        disassembly(
            """
            fn main() {
                let v: Vector = ai::embed("the cat sat")
                println("{v.len()} {ai::similarity(v, ai::embed("a cat", model: "default"))}")
            }
            """);
    assertTrue(text.contains("AI_CALL          3"), text);
    assertFalse(text.contains("AI_EMBED"), text);
  }

  @Test
  void completeTakesEveryOptionalArgumentByNameAndLowersToAiCallKindZero() {
    String text =
        disassembly(
            """
            fn main() {
                let s: String = ai::complete("Say hi:", temperature: 0.2, max_tokens: 8, stop: ["\\n"])
                let t = ai::complete("Again:", "default", 1.0, 16, [])
                println("{s.len() + t.len()}")
            }
            """);
    assertTrue(text.contains("AI_CALL          0"), text);
    assertFalse(text.contains("AI_COMPLETE"), text);
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
    assertTrue(text.contains("AI_CALL          0"), text);
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

  @Test
  void theOptionsMapHoldsTheGivenArgumentsInParameterOrder() {
    String text =
        disassembly(
            """
            fn main() {
                let s = ai::complete("hi", temperature: 0.5, stop: ["."])
                println(s)
            }
            """);
    String ops =
        String.join(
            "\n",
            text.lines().map(l -> l.replaceFirst("^\\s*\\d+\\s+(\\||\\d+)\\s+", "")).toList());
    assertTrue(
        ops.contains(
            """
            PUSH_STR         "hi"
            PUSH_STR         "temperature"
            PUSH_F64         0.5
            BOX_F64
            PUSH_STR         "stop"
            PUSH_STR         "."
            LIST_NEW         1
            MAP_NEW          2
            AI_CALL          0"""),
        ops);
  }

  @Test
  void namedArgumentsOutOfParameterOrderAreEvaluatedAsWritten() {
    String text =
        disassembly(
            """
            fn main() {
                let s = ai::complete(stop: ["."], prompt: "hi", temperature: 0.5)
                println(s)
            }
            """);
    int stop = text.indexOf("PUSH_STR         \".\"");
    int prompt = text.indexOf("PUSH_STR         \"hi\"");
    int temperature = text.indexOf("PUSH_F64         0.5");
    int keyTemperature = text.indexOf("PUSH_STR         \"temperature\"");
    int keyStop = text.indexOf("PUSH_STR         \"stop\"");
    assertTrue(0 <= stop && stop < prompt && prompt < temperature, text);
    assertTrue(temperature < keyTemperature && keyTemperature < keyStop, text);
    assertTrue(text.contains("MAP_NEW          2"), text);
  }

  @Test
  void eachCallLowersToItsKindOrTypedInstruction() {
    String text =
        disassembly(
            """
            struct Person { name: String, age: i64 }
            enum Mood { Happy, Sad }
            fn main() {
                let a = ai::try_complete("p")
                let b = ai::stream("p", model: "m")
                let c = ai::embed_batch(["x"])
                let d = ai::extract<Person>("p")
                let e: Mood = ai::classify("p")
                println("{a} {b} {c} {d} {e}")
            }
            """);
    for (String op :
        List.of(
            "AI_CALL          1", "AI_CALL          2", "AI_CALL          4", "MAP_NEW          0"))
      assertTrue(text.contains(op), op + "\n" + text);
    assertTrue(text.matches("(?s).*AI_EXTRACT +(#\\d+ )?Person.*"), text);
    assertTrue(text.matches("(?s).*AI_CLASSIFY +(#\\d+ )?Mood.*"), text);
  }

  @Test
  void everyAiFunctionRunsAgainstTheTestModel() {
    assertEquals(
        """
        model=default t=0.7 max=1024 stop=: Say hi
        model=small t=0.2 max=8 stop=.|!: named first
        err ModelNotFound
        Ok("model=default t=0.7 max=1024 stop=: fine")
        [one ]
        [two ]
        [three]
        Some("a ")
        b
        ["x ", "y ", "z"]
        Vector[6.0, 3.0, 1.0]
        [Vector[1.0, 1.0, 1.0], Vector[3.0, 2.0, 1.0]]
        Ok(Person { name: "Ada", age: 36, tags: ["x"], nick: None })
        Err(MissingRequired("age"))
        Err(Model(ModelNotFound))
        Sad Angry
        exit 0
        """,
        run(
            """
            struct Person { name: String, age: i64, tags: List<String>, nick: Option<String> }
            enum Mood { Happy, Sad, Angry }
            fn main() {
                println(ai::complete("Say hi"))
                println(ai::complete(max_tokens: 8, model: "small", prompt: "named first", stop: [".", "!"], temperature: 0.2))
                match ai::try_complete("x", model: "missing") {
                    Ok(s) => println("ok {s}"),
                    Err(e) => println("err {e}"),
                }
                println(ai::try_complete("fine"))
                for piece in ai::stream("one two three") { println("[{piece}]") }
                let s2 = ai::stream("a b")
                println(s2.next())
                let rest: String = s2.collect()
                println(rest)
                let s3 = ai::stream("x y z")
                let parts: List<String> = s3.collect()
                println(parts)
                println(ai::embed("banana"))
                println(ai::embed_batch(["a", "bee"], model: "default"))
                let p: Result<Person, ExtractionError> = ai::extract<Person>("{{\\"name\\": \\"Ada\\", \\"age\\": 36, \\"tags\\": [\\"x\\"], \\"nick\\": null}}")
                println(p)
                println(ai::extract<Person>("{{\\"name\\": \\"Ada\\"}}"))
                println(ai::extract<Person>("{{}}", model: "missing"))
                let m: Mood = ai::classify("I am so sad today")
                println("{m} {ai::classify<Mood>("ANGRY!!")}")
            }
            """));
  }

  @Test
  void aModelErrorInCompletePanicsWithItsVariant() {
    String out = run("fn main() { println(ai::complete(\"x\", model: \"missing\")) }");
    assertTrue(out.contains("AI error: ModelNotFound") && out.endsWith("exit 101\n"), out);
  }

  @Test
  void anOutOfRangeTemperaturePanicsBeforeTheModelIsCalled() {
    String out = run("fn main() { println(ai::complete(\"x\", temperature: 3.5)) }");
    assertTrue(out.contains("ai::complete: temperature must be within 0.0..=2.0, got 3.5"), out);
  }

  @Test
  void classifyOfAnEnumWithDataIsE0209AtTheTypeArgument() {
    assertEquals(
        """
        error[E0209]: the trait bound `Shape: Enum` is not satisfied
         --> test.sx:2:34
          |
        2 | fn main() { let s = ai::classify<Shape>("round") }
          |                                  ^^^^^ not a unit-only enum
          = help: `ai::classify<T>` chooses one variant of an enum whose variants carry no data
        """,
        Programs.errors(
            "enum Shape { Circle(f64), Square }\nfn main() { let s = ai::classify<Shape>(\"round\") }\n"));
  }

  @Test
  void extractOfAStructHoldingAnActorRefIsE0502() {
    assertEquals(
        "error[E0502]: `Job` cannot be extracted from model output: it holds an `ActorRef`\n--> test.sx:3:33",
        first(
            "actor W { receive Ping() {} }\nstruct Job { owner: ActorRef<W>, name: String }\nfn main() { let j = ai::extract<Job>(\"x\") }"));
  }

  @Test
  void classifyAndExtractNeedTheirTypeWrittenOrExpected() {
    assertEquals(
        "error[E0204]: type annotation needed: `ai::classify` needs the type to produce\n--> test.sx:1:21",
        first("fn main() { let q = ai::classify(\"x\") }"));
  }

  @Test
  void aStreamIsNotSendable() {
    assertEquals(
        "error[E0502]: `Stream<String>` cannot be a message parameter: it is not sendable\n--> test.sx:1:27",
        first("actor A { receive Feed(s: Stream<String>) {} }\nfn main() {}"));
  }

  @Test
  void preludeDeclaresAIErrorAndExtractionErrorWithTheContractsVariants() {
    assertEquals(
        "Timeout InvalidFormat(\"bad\") Model(RateLimited)\n",
        Programs.stdout(
            "fn main() { let a: AIError = AIError::Timeout; let b = ExtractionError::InvalidFormat(\"bad\"); let c = ExtractionError::Model(AIError::RateLimited); println(\"{a} {b} {c}\") }"));
  }

  @Test
  void aForLoopTakesOneStreamPieceAtATimeSoBreakLeavesTheRest() {
    assertEquals(
        "[one ]\n[two ]\nSome(\"four\")\nexit 0\n",
        run(
            """
            fn main() {
                let s = ai::stream("one two three four")
                for piece in s {
                    if piece.starts_with("three") { break }
                    println("[{piece}]")
                }
                println(s.next())
            }
            """));
  }

  @Test
  void everyStructAndEnumCarriesItsFieldTypesAsWrittenInSource() {
    CompileResult r =
        Compiler.compileSource(
            "t.sx",
            """
            enum Kind { A, B(i32, String), C { at: Option<u8> } }
            struct Q { x: f64 }
            struct P { name: String, tags: List<String>, n: Option<i64>, ok: Bool, c: Char, m: Map<String, f64>, q: Q, k: Kind, f: fn(i64) -> i64 }
            fn main() {}
            """,
            CompileOptions.defaults());
    assertTrue(r.success(), r.renderDiagnostics());
    java.util.Map<String, List<String>> byVariant = new java.util.HashMap<>();
    for (dev.simplex.sbc.TypeDef t : r.module().types())
      for (dev.simplex.sbc.TypeDef.Variant v : t.variants())
        byVariant.put(t.name() + "." + v.name(), v.fieldTypes());
    assertEquals(
        List.of(
            "String",
            "List<String>",
            "Option<i64>",
            "bool",
            "char",
            "Map<String, f64>",
            "Q",
            "Kind",
            ""),
        byVariant.get("P.P"));
    assertEquals(List.of("i32", "String"), byVariant.get("Kind.B"));
    assertEquals(List.of("Option<u8>"), byVariant.get("Kind.C"));
    assertEquals(List.of("AIError"), byVariant.get("ExtractionError.Model"));
  }
}
