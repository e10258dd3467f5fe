package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message is a value: its arguments cannot change after it is made. */
class MessageTest {
  @Test
  void aMessageKeepsItsArgumentsWhenTheListItWasMadeFromChanges() {
    List<Object> args = new ArrayList<>(List.of(1L, "a"));
    Message m = new Message("Put", args);
    args.set(0, 2L);
    args.add("b");
    assertEquals(List.of(1L, "a"), m.args());
  }

  @Test
  void noMessagesArgumentsCanBeChanged() {
    for (Message m :
        List.of(
            new Message("Put", List.of(1L)),
            Message.owning("Put", new Object[] {1L}),
            Message.owning("Tick", new Object[0]))) {
      assertThrows(UnsupportedOperationException.class, () -> m.args().add(2L));
      if (!m.args().isEmpty())
        assertThrows(UnsupportedOperationException.class, () -> m.args().set(0, 2L));
    }
  }

  @Test
  void aMessageOverItsOwnArrayEqualsOneMadeFromAList() {
    assertEquals(
        new Message("Put", List.of(1L, "a")), Message.owning("Put", new Object[] {1L, "a"}));
    assertEquals(
        new Message("Put", List.of(1L)).hashCode(),
        Message.owning("Put", new Object[] {1L}).hashCode());
    assertEquals(new Message("Tick", List.of()), Message.owning("Tick", new Object[0]));
  }
}
