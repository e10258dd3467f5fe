package dev.simplex.sbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * HotSpot never compiles a method whose bytecode is over 8,000 bytes ({@code
 * -XX:+DontCompileHugeMethods}, the default): the interpreter's dispatch loop past that size runs
 * in the JVM's own interpreter, several times slower. And C2 inlines into a method only while the
 * method plus everything inlined so far stays under 8,000 bytecodes ({@code DesiredMethodLimit}):
 * at 7,995 bytes even a five-byte helper stayed a real call from every case (its live values
 * spilled around it). Rare instructions, and those whose work dwarfs a call, belong in {@code
 * cold()}.
 */
class InterpreterShapeTest {
  private static final int HUGE_METHOD_LIMIT = 8000;

  /** The length of the Code attribute of the method {@code name} in {@code type}'s class file. */
  private static int codeLength(Class<?> type, String name) throws IOException {
    ClassReader cr;
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      cr = new ClassReader(in);
    }
    char[] buf = new char[cr.getMaxStringLength()];
    int at = cr.header + 6; // access, this, super
    at += 2 + 2 * cr.readUnsignedShort(at); // interfaces
    for (int members = 0; members < 2; members++) { // fields, then methods
      int count = cr.readUnsignedShort(at);
      at += 2;
      for (int i = 0; i < count; i++) {
        String memberName = cr.readUTF8(at + 2, buf);
        int attributes = cr.readUnsignedShort(at + 6);
        at += 8;
        for (int a = 0; a < attributes; a++) {
          String attribute = cr.readUTF8(at, buf);
          int length = cr.readInt(at + 2);
          if (members == 1 && memberName.equals(name) && attribute.equals("Code")) {
            return cr.readInt(at + 10); // after max_stack and max_locals
          }
          at += 6 + length;
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  private static final int INLINING_ROOM = 1000;

  @Test
  void theDispatchLoopLeavesHotSpotRoomToInlineItsHelpers() throws IOException {
    int size = codeLength(Interpreter.class, "loop");
    assertTrue(
        size <= HUGE_METHOD_LIMIT - INLINING_ROOM,
        "Interpreter.loop is "
            + size
            + " bytes of bytecode: C2 inlines only "
            + (HUGE_METHOD_LIMIT - size)
            + " bytes of helpers into it (list access, frame entry, boxing)");
  }

  @Test
  void theDispatchLoopStaysSmallEnoughForHotSpotToCompile() throws IOException {
    int size = codeLength(Interpreter.class, "loop");
    assertTrue(size > 1000, "found the loop: " + size);
    assertTrue(size <= HUGE_METHOD_LIMIT, "Interpreter.loop is " + size + " bytes of bytecode");
  }
}
