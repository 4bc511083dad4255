package io.pushgen.generator.cli;

import io.pushgen.runtime.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/** A runtime {@link Console} on a pushgen command's output writers (so tests can capture it). */
final class CliConsole {
  private CliConsole() {}

  /** The console of a subcommand; verbose when {@code pushgen --verbose} or PUSHGEN_DEBUG. */
  static Console of(CommandSpec spec) {
    boolean verbose = Console.debugFromEnvironment();
    CommandSpec parent = spec.parent();
    if (parent != null && parent.userObject() instanceof PushgenCli cli) {
      verbose |= cli.verbose;
    }
    return new Console(
        stream(spec.commandLine().getOut()), stream(spec.commandLine().getErr()), verbose);
  }

  private static PrintStream stream(PrintWriter writer) {
    OutputStream bridge =
        new OutputStream() {
          private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

          @Override
          public synchronized void write(int b) {
            buffer.write(b);
          }

          @Override
          public synchronized void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
          }

          @Override
          public synchronized void flush() {
            writer.write(buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
            writer.flush();
          }
        };
    return new PrintStream(bridge, true, StandardCharsets.UTF_8);
  }
}
