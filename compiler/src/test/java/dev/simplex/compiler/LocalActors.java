package dev.simplex.compiler;

import dev.simplex.sbc.Message;
import dev.simplex.sbc.RuntimePort;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.Vm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A minimal synchronous actor runtime for tests of the compiler's actor contract (see {@link
 * RuntimePort}): mailboxes drained in send order on one thread, asks answered after pending mail.
 * The real scheduler, supervision and checkpoints live in the peer module.
 */
final class LocalActors implements RuntimePort {
  /** The options map of every spawn, in order ({@code spawn .. with { .. }}). */
  final List<Map<String, Object>> spawnOptions = new java.util.ArrayList<>();

  record Ref(String type, int number) {
    @Override
    public String toString() {
      return "<" + type + "#" + number + ">";
    }
  }

  private static final class Actor {
    final Ref ref;
    final Object state;
    final Deque<Message> mailbox = new ArrayDeque<>();

    Actor(Ref ref, Object state) {
      this.ref = ref;
      this.state = state;
    }
  }

  private Vm vm;
  private final List<Actor> actors = new ArrayList<>();
  private final Deque<Actor> running = new ArrayDeque<>();
  private boolean draining;

  void attach(Vm vm) {
    this.vm = vm;
  }

  private Actor actor(Object ref) {
    return actors.stream().filter(a -> a.ref.equals(ref)).findFirst().orElseThrow();
  }

  private Object run(Actor a, String member, List<Object> args) {
    running.push(a);
    try {
      List<Object> all = new ArrayList<>();
      all.add(a.state);
      all.addAll(args);
      return vm.invoke(a.ref.type() + "::" + member, all);
    } finally {
      running.pop();
    }
  }

  private boolean has(String function) {
    return vm != null && moduleHas(function);
  }

  private SbcModule module;

  private boolean moduleHas(String function) {
    return module.indexOf(function) >= 0;
  }

  @Override
  public Object spawn(
      SbcModule module,
      int actorType,
      List<Object> initArgs,
      Map<String, Object> fieldOverrides,
      Map<String, Object> options) {
    this.module = module;
    spawnOptions.add(Map.copyOf(options));
    String type = module.types().get(actorType).name();
    Object state = vm.invoke(type + "::$fields", List.of());
    fieldOverrides.forEach((k, v) -> Vm.setField(state, k, v));
    Actor a = new Actor(new Ref(type, actors.size() + 1), state);
    actors.add(a);
    if (has(type + "::init")) run(a, "init", initArgs);
    if (has(type + "::on_start")) run(a, "on_start", List.of());
    return a.ref;
  }

  @Override
  public void send(Object target, Message message) {
    actor(target).mailbox.add(message);
    deliverPending();
  }

  @Override
  public Object ask(Object target, Message message) {
    deliverPending();
    return run(actor(target), message.name(), message.args());
  }

  @Override
  public Object askWithin(Object target, Message message, long timeoutNanos) {
    return ask(target, message);
  }

  private void deliverPending() {
    if (draining) return;
    draining = true;
    try {
      boolean delivered = true;
      while (delivered) {
        delivered = false;
        for (Actor a : List.copyOf(actors)) {
          Message m = a.mailbox.poll();
          if (m != null) {
            run(a, m.name(), m.args());
            delivered = true;
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  /** Shutdown (language.md §13): the rest of the mail, then on_stop in reverse spawn order. */
  void shutdown() {
    deliverPending();
    for (int i = actors.size() - 1; i >= 0; i--) {
      Actor a = actors.get(i);
      if (has(a.ref.type() + "::on_stop")) run(a, "on_stop", List.of());
    }
  }

  @Override
  public void stop(Object target) {}

  @Override
  public Object lookup(SbcModule module, int actorType, String name) {
    return null;
  }

  @Override
  public Object self() {
    return running.peek().ref;
  }

  @Override
  public void checkpoint() {}

  // ---- a deterministic stand-in model (AI_CONTRACT.md port methods); model "missing" fails

  private static void known(String model) throws AiFailed {
    if (model.equals("missing")) throw new AiFailed("ModelNotFound");
  }

  /** The options it was called with, then the prompt's first line. */
  @Override
  public String aiComplete(String prompt, AiOptions o) throws AiFailed {
    known(o.model());
    return "model="
        + o.model()
        + " t="
        + o.temperature()
        + " max="
        + o.maxTokens()
        + " stop="
        + String.join("|", o.stop())
        + ": "
        + prompt.lines().findFirst().orElse("");
  }

  /** The prompt's words, each with the space that follows it. */
  @Override
  public java.util.Iterator<String> aiStream(String prompt, AiOptions o) throws AiFailed {
    known(o.model());
    List<String> pieces = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+\\s*").matcher(prompt);
    while (m.find()) pieces.add(m.group());
    return pieces.iterator();
  }

  /** (length, number of vowels, 1.0) */
  @Override
  public double[] aiEmbed(String text, String model) throws AiFailed {
    known(model);
    long vowels = text.chars().filter(ch -> "aeiou".indexOf(ch) >= 0).count();
    return new double[] {text.length(), vowels, 1.0};
  }

  @Override
  public List<double[]> aiEmbedBatch(List<String> texts, String model) throws AiFailed {
    List<double[]> out = new ArrayList<>();
    for (String t : texts) out.add(aiEmbed(t, model));
    return out;
  }

  /** The first label the text mentions (ignoring case), else the first label. */
  @Override
  public int aiClassify(String text, List<String> labels, String model) throws AiFailed {
    known(model);
    for (int k = 0; k < labels.size(); k++)
      if (text.toLowerCase(java.util.Locale.ROOT)
          .contains(labels.get(k).toLowerCase(java.util.Locale.ROOT))) return k;
    return 0;
  }
}
