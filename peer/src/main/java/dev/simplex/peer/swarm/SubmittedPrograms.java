package dev.simplex.peer.swarm;

import dev.simplex.peer.admin.AdminSource;
import dev.simplex.peer.grid.CodeRegistry;
import dev.simplex.peer.grid.Grid;
import dev.simplex.peer.vm.ActorProgram;
import dev.simplex.sbc.SbcFormatException;
import dev.simplex.sbc.SbcModule;
import dev.simplex.sbc.SbcReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs sent with {@code simplex submit}: the bytes are read and verified (format, every
 * function's hash, the verifier) before anything runs, published to the swarm's code registry under
 * their content hash so other peers can fetch and check them, and run on this peer.
 */
final class SubmittedPrograms {
  private static final Logger LOG = LoggerFactory.getLogger(SubmittedPrograms.class);
  private final CodeRegistry registry;

  SubmittedPrograms(Grid grid) {
    this.registry = grid.code(SubmittedPrograms::sha256);
  }

  AdminSource.Program prepare(byte[] bytes) {
    SbcModule module;
    try {
      module = SbcReader.read(bytes);
    } catch (SbcFormatException e) {
      throw new IllegalArgumentException("not a valid Simplex program: " + e.getMessage());
    }
    String hash = registry.publish(bytes);
    LOG.info("running submitted program {} ({} functions)", hash, module.functions().size());
    return (args, out, err) -> ActorProgram.run(module, args, out, err);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
