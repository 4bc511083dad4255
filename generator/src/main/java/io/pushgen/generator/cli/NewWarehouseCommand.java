package io.pushgen.generator.cli;

import io.pushgen.generator.descriptor.Descriptors;
import io.pushgen.generator.render.GenerationException;
import io.pushgen.generator.resources.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "new-warehouse", mixinStandardHelpOptions = true,
    description = "Scaffolds a descriptor to edit: a copy of a shipped one with id and name replaced.")
final class NewWarehouseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Id of the new warehouse ([a-z][a-z0-9-]*).")
  String name;

  @Option(names = "--from", required = true, paramLabel = "ID", description = "Shipped descriptor to copy.")
  String from;

  @Option(names = "--display-name", paramLabel = "TEXT", description = "Display name (default: NAME).")
  String displayName;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Default: warehouses/NAME.yaml.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new ParameterException(spec.commandLine(),
          "'" + name + "' is not a valid warehouse id (lower-case letters, digits and '-',"
              + " starting with a letter)");
    }
    if (!Descriptors.shippedIds().contains(from)) {
      throw new ParameterException(spec.commandLine(), "no shipped warehouse '" + from
          + "' (shipped: " + String.join(", ", Descriptors.shippedIds()) + ")");
    }
    Path target = out != null ? out : Path.of("warehouses", name + ".yaml");
    if (Files.exists(target)) {
      throw new GenerationException("refusing to overwrite " + target, true);
    }
    String text = Resources.read(Descriptors.RESOURCE_DIR + "/" + from + ".yaml");
    text = replaceTopLevel(text, "id", name);
    text = replaceTopLevel(text, "name", yamlString(displayName != null ? displayName : name));
    // Check before writing: the copy must still be a valid descriptor.
    Descriptors.load(target.toString(), text, null, target.getFileName().toString().equals(name + ".yaml"));
    if (target.toAbsolutePath().getParent() != null) {
      Files.createDirectories(target.toAbsolutePath().getParent());
    }
    Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    spec.commandLine().getOut().println("pushgen: wrote " + target + " (from " + from + ".yaml)");
    return PushgenCli.OK;
  }

  private static String replaceTopLevel(String text, String key, String value) {
    Matcher m = Pattern.compile("(?m)^" + key + ":.*$").matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("the shipped descriptor has no top-level '" + key + "'");
    }
    return text.substring(0, m.start()) + key + ": " + value + text.substring(m.end());
  }

  private static String yamlString(String s) {
    if (s.matches("[A-Za-z][A-Za-z0-9 _.()-]*") && !s.endsWith(" ")) {
      return s;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return sb.append('"').toString();
  }
}
