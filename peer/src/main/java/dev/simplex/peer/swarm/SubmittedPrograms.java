package dev.simplex.peer.swarm;

import dev.simplex.peer.admin.AdminSource;
import dev.simplex.peer.vm.VmSwarm;
import dev.simplex.sbc.SbcFormatException;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs sent with {@code simplex submit}: the bytes are read and verified (format, every
 * function's hash, the verifier) before anything runs, published to the swarm's code registry under
 * their content hash so other peers can fetch and check them; {@code main} runs on this peer and
 * its actors wherever placement puts them.
 */
final class SubmittedPrograms {
  private static final Logger LOG = LoggerFactory.getLogger(SubmittedPrograms.class);
  private final VmSwarm vm;

  SubmittedPrograms(VmSwarm vm) {
    this.vm = vm;
  }

  AdminSource.Program prepare(byte[] bytes) {
    SbcModule module;
    try {
      module = SbcReader.read(bytes);
    } catch (SbcFormatException e) {
      throw new IllegalArgumentException("not a valid Simplex program: " + e.getMessage());
    }
    String hash = vm.publish(bytes);
    LOG.info("running submitted program {} ({} functions)", hash, module.functions().size());
    return (args, out, err) -> vm.run(hash, args, out, err);
  }

  static String sha256(byte[] bytes) {
    return VmSwarm.sha256(bytes);
  }
}
