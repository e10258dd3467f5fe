package dev.simplex.peer.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  record Put(String item) {}

  record Count() {}

  @Test
  void aMessageToAStoppedActorIsRecordedWithSenderTargetAndType() {
    List<String> debug = new CopyOnWriteArrayList<>();
    try (ActorSystem system =
        new ActorSystem(ActorSystem.Options.defaults().withDebug(debug::add))) {
      ActorRef store = system.spawn(TestSystems.actor("Store", (ctx, m) -> null));
      system.stop(store);
      system.send(store, new Put("late"));
      DeadLetter letter = system.deadLetters().recent().getFirst();
      assertEquals("main", letter.sender());
      assertEquals("<Store#1>", letter.target());
      assertEquals("Put", letter.messageType());
      assertEquals(List.of("dead letter: Put to <Store#1>"), debug);
    }
  }

  @Test
  void anAskAmongTheDeadLettersFailsWithActorDied() {
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef store = system.spawn(TestSystems.actor("Store", (ctx, m) -> null));
      system.stop(store);
      assertThrows(ActorDiedException.class, () -> system.ask(store, new Count()));
      assertEquals(Map.of("Count", 1L), system.deadLetters().countsByType());
    }
  }

  @Test
  void aMessageToAnUnknownNameIsADeadLetter() {
    try (ActorSystem system = TestSystems.quiet()) {
      system.send("nobody", new Put("x"));
      DeadLetter letter = system.deadLetters().recent().getFirst();
      assertEquals("name \"nobody\"", letter.target());
      assertEquals("Put", letter.messageType());
    }
  }

  @Test
  void mailLeftInTheMailboxWhenTheActorEndsBecomesDeadLettersFromTheirSenders() {
    try (ActorSystem system = TestSystems.quiet()) {
      ActorRef target =
          system.spawn(
              TestSystems.actor(
                  "Target",
                  (ctx, m) -> {
                    if (m instanceof Count) ctx.stopSelf();
                    return null;
                  }));
      ActorRef sender =
          system.spawn(
              TestSystems.actor(
                  "Sender",
                  (ctx, m) -> {
                    ctx.system().send(target, new Count());
                    ctx.system().send(target, new Put("a"));
                    ctx.system().send(target, new Put("b"));
                    return null;
                  }));
      system.ask(sender, "go");
      system.stop(target);
      List<DeadLetter> letters = system.deadLetters().recent();
      assertEquals(2, letters.size());
      assertEquals("<Sender#2>", letters.getFirst().sender());
      assertEquals(new MessageId(sender.id(), 2), letters.getFirst().id());
      assertEquals("dead letters: 2 (Put 2)", system.deadLetters().summary());
    }
  }

  @Test
  void theSummaryCountsEveryTypeInOneLine() {
    try (ActorSystem system = TestSystems.quiet()) {
      assertEquals("dead letters: 0", system.deadLetters().summary());
      ActorRef dead = system.spawn(TestSystems.actor("Store", (ctx, m) -> null));
      system.stop(dead);
      system.send(dead, new Put("a"));
      system.send(dead, new Count());
      system.send(dead, new Put("b"));
      assertEquals("dead letters: 3 (Put 2, Count 1)", system.deadLetters().summary());
    }
  }
}
