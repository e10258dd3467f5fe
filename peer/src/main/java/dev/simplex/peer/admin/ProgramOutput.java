package dev.simplex.peer.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * How a submitted program's output travels back to {@code simplex submit}: one line per output
 * line, {@code o } for stdout and {@code e } for stderr ({@code O }/{@code E } for a last piece
 * without a newline), then {@code x CODE} with the exit code. Lines are written as the program
 * prints them, so the user sees output as it happens.
 */
public final class ProgramOutput {
  private ProgramOutput() {}

  /** The stream a program writes to on the peer; {@code tag} is 'o' or 'e'. */
  static PrintStream framing(OutputStream body, char tag) {
    return new PrintStream(new Framer(body, tag), true, StandardCharsets.UTF_8);
  }

  static void writeExit(OutputStream body, int code) throws IOException {
    synchronized (body) {
      body.write(("x " + code + "\n").getBytes(StandardCharsets.UTF_8));
      body.flush();
    }
  }

  /**
   * Replays one framed line on the client's streams; returns true once the exit line has been seen.
   */
  static boolean replay(String line, PrintStream out, PrintStream err, IntConsumer exit) {
    if (line.length() < 2 || line.charAt(1) != ' ') {
      throw new IllegalArgumentException("unexpected line from the peer: " + line);
    }
    String text = line.substring(2);
    switch (line.charAt(0)) {
      case 'o' -> out.println(text);
      case 'O' -> out.print(text);
      case 'e' -> err.println(text);
      case 'E' -> err.print(text);
      case 'x' -> {
        exit.accept(Integer.parseInt(text.strip()));
        return true;
      }
      default -> throw new IllegalArgumentException("unexpected line from the peer: " + line);
    }
    return false;
  }

  private static final class Framer extends OutputStream {
    private final OutputStream body;
    private final char tag;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Framer(OutputStream body, char tag) {
      this.body = body;
      this.tag = tag;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      if (b == '\n') {
        emit(tag);
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      if (line.size() > 0) {
        emit(Character.toUpperCase(tag));
      }
    }

    private void emit(char prefix) throws IOException {
      byte[] text = line.toByteArray();
      line.reset();
      synchronized (body) {
        body.write(prefix);
        body.write(' ');
        body.write(text);
        body.write('\n');
        body.flush();
      }
    }
  }
}
