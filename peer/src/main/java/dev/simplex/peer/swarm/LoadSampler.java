package dev.simplex.peer.swarm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** Turns the probe's rising counters and the JVM's gauges into one {@link PeerLoad} per tick. */
final class LoadSampler {
  private final String peerId;
  private final String address;
  private final LoadProbe probe;
  private long sequence;
  private long lastNanos;
  private long lastMessages;
  private long lastCheckpoints;

  LoadSampler(String peerId, String address, LoadProbe probe, long nowNanos) {
    this.peerId = peerId;
    this.address = address;
    this.probe = probe;
    this.lastNanos = nowNanos;
    this.lastMessages = probe.messagesProcessed();
    this.lastCheckpoints = probe.checkpointsWritten();
  }

  PeerLoad sample(long nowNanos) {
    long messages = probe.messagesProcessed();
    long checkpoints = probe.checkpointsWritten();
    double seconds = Math.max(1e-3, (nowNanos - lastNanos) / 1e9);
    double perSecond = Math.max(0, messages - lastMessages) / seconds;
    double perMinute = Math.max(0, checkpoints - lastCheckpoints) / seconds * 60;
    lastNanos = nowNanos;
    lastMessages = messages;
    lastCheckpoints = checkpoints;
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    var reserved = probe.reserved();
    return new PeerLoad(
        peerId,
        address,
        ++sequence,
        probe.actorCount(),
        perSecond,
        perMinute,
        processCpu(),
        heap.getUsed(),
        heap.getMax(),
        Runtime.getRuntime().availableProcessors(),
        Math.max(0, probe.gpus()),
        reserved.cpu(),
        reserved.memoryBytes(),
        reserved.gpu());
  }

  private static double processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      return load < 0 ? -1 : load;
    }
    return -1;
  }
}
