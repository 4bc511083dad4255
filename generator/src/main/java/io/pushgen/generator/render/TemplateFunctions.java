package io.pushgen.generator.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateBooleanModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The escaping helpers as Freemarker methods: {@code javaString(s)}, {@code textBlock(s, 6)}, ... */
final class TemplateFunctions {
  private TemplateFunctions() {}

  static Map<String, Object> all() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("javaString", one("javaString", Escapes::javaString));
    m.put("picocliString", one("picocliString", Escapes::picocliString));
    m.put("comment", one("comment", Escapes::comment));
    m.put("camel", one("camel", Escapes::camel));
    m.put("pascal", one("pascal", Escapes::pascal));
    m.put("constant", one("constant", Escapes::constant));
    m.put("xml", one("xml", Escapes::xml));
    m.put("md", one("md", Escapes::md));
    m.put("textBlock", two("textBlock", Escapes::textBlock));
    return m;
  }

  private static TemplateMethodModelEx one(String name, Function<String, String> f) {
    return args -> {
      if (args.size() != 1) {
        throw new TemplateModelException(name + "(s) takes exactly one argument, got " + args.size());
      }
      return f.apply(string(name, (TemplateModel) args.get(0)));
    };
  }

  private static TemplateMethodModelEx two(String name, BiFunction<String, Integer, String> f) {
    return args -> {
      if (args.size() != 2) {
        throw new TemplateModelException(name + "(s, indent) takes exactly two arguments");
      }
      Object indent = args.get(1);
      if (!(indent instanceof TemplateNumberModel n)) {
        throw new TemplateModelException(name + ": the indent must be a number");
      }
      return f.apply(string(name, (TemplateModel) args.get(0)), n.getAsNumber().intValue());
    };
  }

  /** Strings as they are, numbers and booleans as their plain text; null stays null. */
  private static String string(String name, TemplateModel model) throws TemplateModelException {
    if (model == null) {
      return null;
    }
    if (model instanceof TemplateScalarModel s) {
      return s.getAsString();
    }
    if (model instanceof TemplateNumberModel n) {
      return n.getAsNumber().toString();
    }
    if (model instanceof TemplateBooleanModel b) {
      return Boolean.toString(b.getAsBoolean());
    }
    throw new TemplateModelException(
        name + ": expected a string, got " + model.getClass().getSimpleName());
  }

  static List<String> names() {
    return List.copyOf(all().keySet());
  }
}
