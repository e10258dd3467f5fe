package dev.simplex.peer.admin;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The peer's recent log lines, for {@code /logs}: a bounded ring of lines and the followers that
 * receive each new one. A follower that cannot keep up loses lines rather than slowing the logger.
 */
public final class LogTail {
  public static final int DEFAULT_CAPACITY = 2000;
  static final int FOLLOWER_BACKLOG = 1000;
  private static LogTail standardError;

  private final int capacity;
  private final ArrayDeque<String> lines;
  private final Set<Follower> followers = new CopyOnWriteArraySet<>();

  public LogTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("log tail capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.lines = new ArrayDeque<>(Math.min(capacity, 4096));
  }

  /**
   * Tees this JVM's standard error (where slf4j-simple writes the log) into one shared tail, once.
   * Every later call returns the same tail.
   */
  public static synchronized LogTail captureStandardError() {
    if (standardError == null) {
      standardError = new LogTail(DEFAULT_CAPACITY);
      PrintStream original = System.err;
      System.setErr(new PrintStream(new LineTee(original, standardError), true));
    }
    return standardError;
  }

  public void append(String line) {
    synchronized (lines) {
      if (lines.size() == capacity) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
    for (Follower f : followers) {
      f.queue.offer(line);
    }
  }

  /** The newest {@code max} lines, oldest first. */
  public List<String> recent(int max) {
    synchronized (lines) {
      List<String> all = new ArrayList<>(lines);
      return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }
  }

  /** Starts receiving every line appended from now on; close the follower to stop. */
  public Follower follow() {
    Follower f = new Follower();
    followers.add(f);
    return f;
  }

  int followerCount() {
    return followers.size();
  }

  /** One reader of new lines. */
  public final class Follower implements AutoCloseable {
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(FOLLOWER_BACKLOG);

    private Follower() {}

    /** The next new line, or null if none arrived within the wait. */
    public String next(long wait, TimeUnit unit) throws InterruptedException {
      return queue.poll(wait, unit);
    }

    @Override
    public void close() {
      followers.remove(this);
    }
  }

  /** Passes bytes through to the real stream and hands each complete line to the tail. */
  private static final class LineTee extends OutputStream {
    private final PrintStream out;
    private final LogTail tail;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    LineTee(PrintStream out, LogTail tail) {
      this.out = out;
      this.tail = tail;
    }

    @Override
    public synchronized void write(int b) {
      out.write(b);
      take(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      out.write(b, off, len);
      for (int i = off; i < off + len; i++) {
        take(b[i]);
      }
    }

    private void take(int b) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        tail.append(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
      } else if (line.size() < 64 * 1024) {
        line.write(b);
      }
    }

    @Override
    public void flush() {
      out.flush();
    }
  }
}
