package dev.simplex.sbc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A {@link RuntimePort} for tests: AI answers are scripted, actor operations are refused. */
class FakePort implements RuntimePort {
  interface Completion {
    String complete(String prompt, AiOptions o) throws AiFailed;
  }

  Completion completion = (p, o) -> "reply to " + p;
  List<String> streamPieces = List.of();
  String failWith; // an AIError variant every AI call fails with
  int classifyAnswer;
  final List<AiOptions> seenOptions = new ArrayList<>();
  final List<String> seenPrompts = new ArrayList<>();
  final List<String> seenModels = new ArrayList<>();
  List<String> seenLabels;
  int plainCheckpoints;
  final List<ExecutionContext.Capture> captures = new ArrayList<>();

  @Override
  public void checkpoint(ExecutionContext.Capture capture) {
    captures.add(capture);
  }

  private void fail() throws AiFailed {
    if (failWith != null) throw new AiFailed(failWith);
  }

  @Override
  public String aiComplete(String prompt, AiOptions o) throws AiFailed {
    seenOptions.add(o);
    seenPrompts.add(prompt);
    fail();
    return completion.complete(prompt, o);
  }

  @Override
  public Iterator<String> aiStream(String prompt, AiOptions o) throws AiFailed {
    seenOptions.add(o);
    fail();
    return streamPieces.iterator();
  }

  @Override
  public double[] aiEmbed(String text, String model) throws AiFailed {
    seenModels.add(model);
    fail();
    return new double[] {text.length(), 1.0};
  }

  @Override
  public List<double[]> aiEmbedBatch(List<String> texts, String model) throws AiFailed {
    seenModels.add(model);
    fail();
    return texts.stream().map(t -> new double[] {t.length()}).toList();
  }

  @Override
  public int aiClassify(String text, List<String> labels, String model) throws AiFailed {
    seenLabels = labels;
    seenModels.add(model);
    fail();
    return classifyAnswer;
  }

  @Override
  public Object spawn(
      SbcModule module,
      int actorType,
      List<Object> initArgs,
      Map<String, Object> fieldOverrides,
      Map<String, Object> options) {
    throw new RuntimePort.Panic("not supported by the fake port");
  }

  @Override
  public void send(Object target, Message message) {
    sent.add(message);
  }

  /** What the code sent, in order (targets are not kept). */
  final List<Message> sent = new ArrayList<>();

  @Override
  public Object ask(Object target, Message message) {
    throw new RuntimePort.Panic("not supported by the fake port");
  }

  @Override
  public Object askWithin(Object target, Message message, long timeoutNanos) {
    throw new RuntimePort.Panic("not supported by the fake port");
  }

  @Override
  public void stop(Object target) {
    throw new RuntimePort.Panic("not supported by the fake port");
  }

  @Override
  public Object lookup(SbcModule module, int actorType, String name) {
    return null;
  }

  @Override
  public Object self() {
    return "self";
  }

  @Override
  public void checkpoint() {
    plainCheckpoints++;
  }
}
