package io.pushgen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pushgen.generator.render.Escapes;
import io.pushgen.generator.render.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscapesTest {
  static final List<String> HOSTILE =
      List.of(
          "",
          "plain",
          "\n",
          "\n\n\n",
          "a\nb",
          "a\nb\n",
          "ends with space ",
          "ends with spaces   \nand more  \n",
          "   \n  \n",
          "tab\tin\t\n\ttab start",
          "cr\r\nlf\rcr only\r",
          "quotes \" '' \"\" \"\"\" \"\"\"\" \"\"\"\"\"\"\"",
          "\"",
          "\"\"\"",
          "ends with quote\"",
          "ends with backslash\\",
          "\\",
          "\\\\n \\t \\s \\u0022 \\u000a \\\\u005c",
          "*/ /* ${x} #{y} <#if> @Deprecated",
          "unicode é 漢字 😀 \u2028 \u2029 \u0085 \u3000",
          "trailing ideographic space\u3000",
          "trailing ideographic space\u3000\nnext",
          "controls \u0000\u0001\u0007\b\f\u000b\u001f\u007f end",
          "\u00a0nbsp\u00a0",
          "  leading spaces\n    and more\n");

  @Test
  void javaStringAndTextBlockRoundTripThroughJavac() throws Exception {
    StringBuilder src = new StringBuilder("package t;\n\npublic final class Strings {\n");
    for (int i = 0; i < HOSTILE.size(); i++) {
      String s = HOSTILE.get(i);
      src.append("  public static final String J").append(i).append(" = ")
          .append(Escapes.javaString(s)).append(";\n");
      src.append("  public static final String T").append(i).append(" = ")
          .append(Escapes.textBlock(s, 6)).append(";\n");
      src.append("  public static final String Z").append(i).append(" = ")
          .append(Escapes.textBlock(s, 0)).append(";\n");
      src.append("  /** ").append(Escapes.comment(s)).append(" */\n");
      src.append("  // ").append(Escapes.comment(s)).append("\n");
    }
    src.append("}\n");
    // The normaliser must keep the text blocks' content as it is.
    String normalized = Normalizer.normalize("t/Strings.java", src.toString(), "header");
    ClassLoader loader = TestSupport.compile(Map.of("t/Strings.java", normalized));
    Class<?> c = loader.loadClass("t.Strings");
    for (int i = 0; i < HOSTILE.size(); i++) {
      String expected = HOSTILE.get(i);
      assertEquals(expected, c.getField("J" + i).get(null), "javaString #" + i);
      assertEquals(expected, c.getField("T" + i).get(null), "textBlock #" + i);
      assertEquals(expected, c.getField("Z" + i).get(null), "textBlock indent 0 #" + i);
    }
  }

  @Test
  void noUnicodeEscapeCanSurvive() {
    for (String s : HOSTILE) {
      for (String out : List.of(Escapes.javaString(s), Escapes.textBlock(s, 2), Escapes.comment(s))) {
        // every backslash is part of an escape pair, so \\u can never start a unicode escape
        assertFalse(out.matches("(?s).*(?<!\\\\)(\\\\\\\\)*\\\\u.*"), out);
      }
    }
  }

  @Test
  void textBlockShape() {
    assertEquals("\"\"\"\n    SELECT 1\n    \"\"\"", Escapes.textBlock("SELECT 1\n", 4));
    assertEquals("\"\"\"\n    SELECT 1\\\n    \"\"\"", Escapes.textBlock("SELECT 1", 4));
    assertEquals("\"\"\"\n  a\\s\n  \"\"\"", Escapes.textBlock("a \n", 2));
    assertEquals("\"\"\"\n  \"\"\\\"\n  \"\"\"", Escapes.textBlock("\"\"\"\n", 2));
  }

  @Test
  void identifiers() {
    assertEquals("httpPath", Escapes.camel("http_path"));
    assertEquals("maxRows", Escapes.camel("max-rows"));
    assertEquals("HttpPath", Escapes.pascal("http_path"));
    assertEquals("QueryLogs", Escapes.pascal("query_logs"));
    assertEquals("Metadata", Escapes.pascal("metadata"));
    assertEquals("HTTP_PATH", Escapes.constant("http_path"));
    assertEquals("MAX_ROWS", Escapes.constant("max-rows"));
    assertEquals("class_", Escapes.camel("class"));
    assertEquals("_1st", Escapes.camel("1st"));
    assertEquals("USER_NAME", Escapes.constant("userName"));
  }

  @Test
  void picocliStrings() {
    assertEquals("\"100%% $${env:X} \\\\u0022\"", Escapes.picocliString("100% ${env:X} \\u0022"));
  }

  @Test
  void javaCheckSeesUnicodeEscapesLikeJavac() {
    String src = "package p;\n/** a \\u002a/ b */\nclass A {}\n";
    assertTrue(io.pushgen.generator.render.JavaCheck.check("p/A.java", src, "t.ftl", null) != null);
    assertEquals(null, io.pushgen.generator.render.JavaCheck.check("p/A.java",
        "package p;\n/** " + Escapes.comment("a \\u002a/ b */") + " */\nclass A {}\n", "t.ftl", null));
  }

  @Test
  void xmlAndMarkdown() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", Escapes.xml("a <b> & \"c\" 'd'"));
    assertEquals("a \\| b \\` c \\\\ &lt;x&gt;", Escapes.md("a | b ` c \\ <x>"));
    assertTrue(!Escapes.md("a\nb").contains("\n"));
  }

  @Test
  void normalizerKeepsTextBlockBlankLinesAndCollapsesOthers() {
    String in = "\n\npackage p;   \n\n\n\nclass A {\n  String s = \"\"\"\n    a\n\n\n    b\n    \"\"\";\n}\n\n\n";
    String out = Normalizer.normalize("p/A.java", in, "H");
    assertEquals("// H\npackage p;\n\nclass A {\n  String s = \"\"\"\n    a\n\n\n    b\n    \"\"\";\n}\n", out);
    assertEquals("<?xml version=\"1.0\"?>\n<!-- H -->\n<a/>\n",
        Normalizer.normalize("pom.xml", "<?xml version=\"1.0\"?>\r\n<a/>  \r\n\r\n", "H"));
    assertEquals("<!-- H -->\n# T\n", Normalizer.normalize("README.md", "# T\n", "H"));
  }

  @Test
  void normalizerGivesHashCommentFilesAHeaderAndPythonTwoBlankLines() {
    assertEquals("# H\nFROM x\n", Normalizer.normalize("Dockerfile", "\nFROM x  \n\n", "H"));
    assertEquals("# H\n*\n", Normalizer.normalize(".dockerignore", "*\n", "H"));
    assertEquals("# H\na: 1\n\nb: 2\n", Normalizer.normalize("deploy/k/a.yaml", "a: 1\n\n\n\nb: 2\n", "H"));
    assertEquals(
        "# H\nimport x\n\n\ndef f():\n    pass\n",
        Normalizer.normalize("deploy/a/dag.py", "\n\nimport x\n\n\n\ndef f():\n    pass\n\n", "H"));
    // Other files get no header: their comment syntax is unknown.
    assertEquals("x\n", Normalizer.normalize("notes.txt", "x\n", "H"));
  }
}
