package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The AI instructions (AI_CONTRACT.md, language.md §11) against a scripted runtime port. */
class AiOpsTest {
  private final FakePort port = new FakePort();

  static final TypeDef PERSON =
      new TypeDef(
          "Person",
          TypeDef.Kind.STRUCT,
          List.of(
              new TypeDef.Variant(
                  "Person",
                  true,
                  List.of("name", "age", "tags", "nick", "ok", "score", "home"),
                  List.of(
                      "String", "u8", "List<String>", "Option<String>", "bool", "f64", "Place"))));

  static final TypeDef PLACE =
      new TypeDef(
          "Place",
          TypeDef.Kind.STRUCT,
          List.of(
              new TypeDef.Variant(
                  "Place", true, List.of("city", "pop"), List.of("String", "Map<String, i64>"))));

  static final TypeDef MOOD =
      new TypeDef(
          "Mood",
          TypeDef.Kind.ENUM,
          List.of(
              new TypeDef.Variant("Happy", false, List.of()),
              new TypeDef.Variant("Sad", false, List.of()),
              new TypeDef.Variant("Neutral", false, List.of())));

  /** Options as a list of (key, value) with values String, Double, Long or List of strings. */
  private static void options(ModuleBuilder mb, CodeBuilder c, Object... kv) {
    for (int i = 0; i < kv.length; i += 2) {
      c.pushConst(new Constant.Str((String) kv[i]));
      switch (kv[i + 1]) {
        case String s -> c.pushConst(new Constant.Str(s));
        case Double d -> {
          c.pushConst(Constant.F64.of(d));
          c.emit(Op.BOX_F64);
        }
        case Long l -> {
          c.pushConst(new Constant.I64(l));
          c.emit(Op.BOX_I64);
        }
        case List<?> l -> {
          for (Object o : l) c.pushConst(new Constant.Str((String) o));
          c.emit(Op.LIST_NEW, l.size());
        }
        default -> throw new IllegalArgumentException();
      }
    }
    c.emit(Op.MAP_NEW, kv.length / 2);
  }

  /** {@code fn f() { <body> }}: the body leaves one reference on the stack. */
  private Object run(Consumer<CodeBuilder> body, ModuleBuilder mb) {
    int f = mb.declareFunction("f", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.line(1);
    body.accept(c);
    c.emit(Op.RETURN);
    c.finish(f, List.of(SbcFunction.SlotKind.REF), true, List.of("s"));
    SbcModule m = mb.build(f, "ai.sx");
    assertVerifies(m);
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return new Vm(m, sink, sink, port).invoke("f", List.of());
  }

  private static void assertVerifies(SbcModule m) {
    try {
      Verifier.verify(SbcReader.read(SbcWriter.write(m)));
    } catch (SbcFormatException e) {
      throw new AssertionError(e);
    }
  }

  private Object call(int kind, Object input, Object... options) {
    ModuleBuilder mb = new ModuleBuilder();
    return run(
        c -> {
          if (input instanceof List<?> l) {
            for (Object o : l) c.pushConst(new Constant.Str((String) o));
            c.emit(Op.LIST_NEW, l.size());
          } else c.pushConst(new Constant.Str((String) input));
          options(mb, c, options);
          c.emit(Op.AI_CALL, kind);
        },
        mb);
  }

  private Object typed(Op op, TypeDef t, String input, Object... options) {
    ModuleBuilder mb = new ModuleBuilder();
    mb.type(PLACE);
    int type = mb.type(t);
    return run(
        c -> {
          c.pushConst(new Constant.Str(input));
          options(mb, c, options);
          c.emit(op, type);
        },
        mb);
  }

  private String panic(Runnable r) {
    return assertThrows(Vm.PanicException.class, r::run).getMessage();
  }

  @Test
  void completeReturnsTheTextAndAppliesTheDefaultOptions() {
    assertEquals("reply to hi", call(AiOps.COMPLETE, "hi"));
    assertEquals(
        new RuntimePort.AiOptions("default", 0.7, 1024, List.of()), port.seenOptions.getFirst());
  }

  @Test
  void completePassesEveryGivenOption() {
    call(
        AiOps.COMPLETE,
        "hi",
        "model",
        "small",
        "temperature",
        0.2,
        "max_tokens",
        50L,
        "stop",
        List.of("\n", "END"));
    assertEquals(
        new RuntimePort.AiOptions("small", 0.2, 50, List.of("\n", "END")),
        port.seenOptions.getFirst());
  }

  @Test
  void temperatureOutsideItsRangePanicsBeforeTheRuntimeIsAsked() {
    assertEquals(
        "ai::complete: temperature must be within 0.0..=2.0, got 3.5",
        panic(() -> call(AiOps.COMPLETE, "hi", "temperature", 3.5)));
    assertEquals(
        "ai::try_complete: temperature must be within 0.0..=2.0, got -0.1",
        panic(() -> call(AiOps.TRY_COMPLETE, "hi", "temperature", -0.1)));
    assertTrue(port.seenOptions.isEmpty());
    assertEquals("reply to hi", call(AiOps.COMPLETE, "hi", "temperature", 2.0));
  }

  @Test
  void maxTokensBelowOnePanicsBeforeTheRuntimeIsAsked() {
    assertEquals(
        "ai::complete: max_tokens must be at least 1, got 0",
        panic(() -> call(AiOps.COMPLETE, "hi", "max_tokens", 0L)));
    assertTrue(port.seenOptions.isEmpty());
  }

  @Test
  void aModelFailurePanicsInCompleteButIsAnErrInTryComplete() {
    port.failWith = "Timeout";
    assertEquals("AI error: Timeout", panic(() -> call(AiOps.COMPLETE, "hi")));
    assertEquals("Err(Timeout)", Vm.display(call(AiOps.TRY_COMPLETE, "hi")));
    port.failWith = null;
    assertEquals("Ok(\"reply to hi\")", Vm.display(call(AiOps.TRY_COMPLETE, "hi")));
  }

  @Test
  void embedGivesAVectorAndEmbedBatchOneVectorPerTextInOrder() {
    assertEquals("Vector[3.0, 1.0]", Vm.display(call(AiOps.EMBED, "abc", "model", "emb")));
    assertEquals("emb", port.seenModels.getFirst());
    assertEquals(
        "[Vector[1.0], Vector[3.0], Vector[2.0]]",
        Vm.display(call(AiOps.EMBED_BATCH, List.of("a", "abc", "ab"))));
    assertEquals("default", port.seenModels.get(1));
    port.failWith = "RateLimited";
    assertEquals("AI error: RateLimited", panic(() -> call(AiOps.EMBED, "abc")));
    assertEquals("AI error: RateLimited", panic(() -> call(AiOps.EMBED_BATCH, List.of("a"))));
  }

  @Test
  void aStreamYieldsItsPiecesThroughNextAndCollect() {
    port.streamPieces = List.of("a", "b", "c");
    ModuleBuilder mb = new ModuleBuilder();
    Object r =
        run(
            c -> {
              c.pushConst(new Constant.Str("go"));
              c.emit(Op.MAP_NEW, 0);
              c.emit(Op.AI_CALL, AiOps.STREAM);
              c.emit(Op.STORE_LOCAL, 0);
              c.emit(Op.LOAD_LOCAL, 0);
              c.emit(Op.TO_STR_REF);
              c.emit(Op.LOAD_LOCAL, 0);
              c.emit(Op.CALL_NATIVE, Natives.indexOf("stream.next"), 1);
              c.emit(Op.LOAD_LOCAL, 0);
              c.emit(Op.CALL_NATIVE, Natives.indexOf("stream.collect_list"), 1);
              c.emit(Op.LOAD_LOCAL, 0);
              c.emit(Op.CALL_NATIVE, Natives.indexOf("stream.next"), 1);
              c.emit(Op.MAKE_TUPLE, 4);
            },
            mb);
    assertEquals("(\"<stream>\", Some(\"a\"), [\"b\", \"c\"], None)", Vm.display(r));
    port.streamPieces = List.of("x", "y");
    ModuleBuilder mb2 = new ModuleBuilder();
    Object s =
        run(
            c -> {
              c.pushConst(new Constant.Str("go"));
              c.emit(Op.MAP_NEW, 0);
              c.emit(Op.AI_CALL, AiOps.STREAM);
              c.emit(Op.CALL_NATIVE, Natives.indexOf("stream.collect_string"), 1);
            },
            mb2);
    assertEquals("xy", s);
    port.failWith = "Unavailable";
    assertEquals("AI error: Unavailable", panic(() -> call(AiOps.STREAM, "go")));
  }

  @Test
  void aStreamCannotBeStoredInACheckpoint() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Vm.toPortable(new StreamValue(List.of("a").iterator())));
    assertTrue(e.getMessage().contains("a stream cannot be stored"), e.getMessage());
  }

  @Test
  void extractBuildsTheStructFromTheFirstJsonObjectInTheReply() {
    port.completion =
        (p, o) ->
            "Sure! {\"name\": \"Ada\", \"age\": 36, \"tags\": [\"x\", \"y\"], \"ok\": true,"
                + " \"score\": 1.5, \"home\": {\"city\": \"London\", \"pop\": {\"a\": 1}}}"
                + " hope this helps {";
    Object r = typed(Op.AI_EXTRACT, PERSON, "Ada is 36");
    assertEquals(
        "Ok(Person { name: \"Ada\", age: 36, tags: [\"x\", \"y\"], nick: None, ok: true, score:"
            + " 1.5, home: Place { city: \"London\", pop: {\"a\": 1} } })",
        Vm.display(r));
    String prompt = port.seenPrompts.getFirst();
    assertTrue(prompt.startsWith("Ada is 36\n"), prompt);
    assertTrue(prompt.contains("\"age\": \"u8\""), prompt);
    assertTrue(prompt.contains("\"home\": {\"city\": \"String\""), prompt);
  }

  @Test
  void extractReportsAMissingFieldByName() {
    port.completion = (p, o) -> "{\"name\": \"Ada\", \"tags\": [], \"ok\": true, \"score\": 1}";
    assertEquals("Err(MissingRequired(\"age\"))", Vm.display(typed(Op.AI_EXTRACT, PERSON, "x")));
    port.completion =
        (p, o) ->
            "{\"name\": \"Ada\", \"age\": 1, \"tags\": [], \"ok\": true, \"score\": 1,"
                + " \"home\": {\"pop\": {}}}";
    assertEquals(
        "Err(MissingRequired(\"home.city\"))", Vm.display(typed(Op.AI_EXTRACT, PERSON, "x")));
  }

  @Test
  void extractReportsMalformedJsonAsInvalidFormat() {
    for (String bad :
        List.of(
            "no json here",
            "{\"name\": \"Ada\",}",
            "{\"name\": 'Ada'}",
            "{\"age\": 012}",
            "{\"name\": \"a\", \"name\": \"b\"}",
            "{\"name\": \"unterminated",
            "[".repeat(10) + "{" + "{\"a\":".repeat(500))) {
      port.completion = (p, o) -> bad;
      String shown = Vm.display(typed(Op.AI_EXTRACT, PERSON, "x"));
      assertTrue(shown.startsWith("Err(InvalidFormat(\"malformed JSON: "), bad + " -> " + shown);
    }
  }

  @Test
  void extractReportsAFieldOfTheWrongTypeAsInvalidFormat() {
    String base =
        "\"name\": \"Ada\", \"tags\": [], \"ok\": true, \"score\": 1, \"home\": "
            + "{\"city\": \"c\", \"pop\": {}}";
    port.completion = (p, o) -> "{" + base + ", \"age\": \"36\"}";
    assertEquals(
        "Err(InvalidFormat(\"field `age`: expected u8, got a string\"))",
        Vm.display(typed(Op.AI_EXTRACT, PERSON, "x")));
    port.completion = (p, o) -> "{" + base + ", \"age\": 300}";
    assertEquals(
        "Err(InvalidFormat(\"field `age`: expected u8, got 300 (out of range)\"))",
        Vm.display(typed(Op.AI_EXTRACT, PERSON, "x")));
    port.completion = (p, o) -> "{" + base + ", \"age\": 3.5}";
    assertTrue(Vm.display(typed(Op.AI_EXTRACT, PERSON, "x")).startsWith("Err(InvalidFormat"));
    port.completion = (p, o) -> "{" + base.replace("[]", "[1]") + ", \"age\": 3}";
    assertEquals(
        "Err(InvalidFormat(\"field `tags[0]`: expected String, got the number 1\"))",
        Vm.display(typed(Op.AI_EXTRACT, PERSON, "x")));
  }

  @Test
  void extractTurnsAModelFailureIntoModelError() {
    port.failWith = "Timeout";
    Object r = typed(Op.AI_EXTRACT, PERSON, "x");
    assertEquals("Err(Model(Timeout))", Vm.display(r));
    Values.EnumValue err = (Values.EnumValue) ((Values.EnumValue) r).payload[0];
    assertEquals("ExtractionError", err.type.name());
    assertEquals(2, err.tag);
  }

  @Test
  void extractHonoursTheOptionRanges() {
    assertEquals(
        "ai::extract: max_tokens must be at least 1, got -5",
        panic(() -> typed(Op.AI_EXTRACT, PERSON, "x", "max_tokens", -5L)));
  }

  @Test
  void classifyPushesTheVariantTheRuntimeChose() {
    port.classifyAnswer = 1;
    Object r = typed(Op.AI_CLASSIFY, MOOD, "I lost my keys", "model", "clf");
    assertInstanceOf(Values.EnumValue.class, r);
    assertEquals("Sad", Vm.display(r));
    assertEquals(List.of("Happy", "Sad", "Neutral"), port.seenLabels);
    assertEquals("clf", port.seenModels.getFirst());
    port.classifyAnswer = 3;
    assertEquals(
        "ai::classify: the runtime chose label 3 of 3",
        panic(() -> typed(Op.AI_CLASSIFY, MOOD, "x")));
    port.failWith = "ModelNotFound";
    assertEquals("AI error: ModelNotFound", panic(() -> typed(Op.AI_CLASSIFY, MOOD, "x")));
  }

  /** main: PUSH_STR "x"; MAP_NEW 0; <op operand>; RETURN, built without the builder's checks. */
  private static SbcModule raw(Op op, int operand) {
    byte[] code = new byte[5 + 3 + op.size() + 1];
    code[0] = (byte) Op.PUSH_STR.code();
    code[5] = (byte) Op.MAP_NEW.code();
    code[8] = (byte) op.code();
    Bytecode.put(code, 9, op.operands().getFirst(), operand);
    code[8 + op.size()] = (byte) Op.RETURN.code();
    SbcFunction main = new SbcFunction("main", 0, List.of(), true, 2, code, List.of(), List.of());
    return new SbcModule(
        List.of(new Constant.Str("x")), List.of(PERSON, MOOD), List.of(main), 0, "raw.sx");
  }

  @Test
  void theVerifierRejectsAnUnknownAiKindAndClassifyOfANonEnum() throws Exception {
    Verifier.verify(raw(Op.AI_CALL, 4));
    Verifier.verify(raw(Op.AI_CLASSIFY, 1));
    var e = assertThrows(SbcFormatException.class, () -> Verifier.verify(raw(Op.AI_CALL, 9)));
    assertTrue(e.getMessage().contains("AI_CALL has an invalid kind operand 9"), e.getMessage());
    var e2 = assertThrows(SbcFormatException.class, () -> Verifier.verify(raw(Op.AI_CLASSIFY, 0)));
    assertTrue(
        e2.getMessage().contains("AI_CLASSIFY needs an enum of unit variants, not Person"),
        e2.getMessage());
  }

  @Test
  void withoutAPortAnAiCallPanicsClearly() {
    ModuleBuilder mb = new ModuleBuilder();
    int f = mb.declareFunction("f", 0);
    CodeBuilder c = new CodeBuilder(mb);
    c.pushConst(new Constant.Str("x"));
    c.emit(Op.MAP_NEW, 0);
    c.emit(Op.AI_CALL, 0);
    c.emit(Op.RETURN);
    c.finish(f, List.of(), true, List.of());
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    var e =
        assertThrows(
            Vm.PanicException.class,
            () -> new Vm(mb.build(f, "a.sx"), sink, sink).invoke("f", List.of()));
    assertEquals("ai_call needs an actor runtime (run under a peer)", e.getMessage());
  }
}
