package dev.simplex.peer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into {@code version.properties} at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
  static String version() {
    Properties props = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/simplex/peer/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown": a version string is never worth failing a command.
    }
    return props.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "simplex " + version(),
      "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"
    };
  }
}
