package io.pushgen.generator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a child JVM's CPU went, by the kind of thread that spent it, read from Linux's {@code
 * /proc/<pid>/task/<tid>/stat} while the JVM runs: the caller samples it every few tens of
 * milliseconds, and each thread's last sample counts (a thread that ends keeps what it had spent at
 * the sample before). A thread shorter than the sampling period is missed; the JVM's threads that
 * matter live for the whole run. Nothing is read where {@code /proc} does not exist.
 */
final class ThreadCpu {
  /** The kinds, in the order they are printed, and how a thread's name tells its kind. */
  enum Kind {
    MAIN("main thread (batching: validation, copying, compression)"),
    READER("manifest reader (pushgen-read)"),
    HTTP("HTTP (client, request threads)"),
    JIT("JIT compilers (C1, C2)"),
    GC("garbage collector"),
    OTHER("other JVM threads");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    static Kind of(String name) {
      if (name.equals("java")) {
        return MAIN; // the launcher's main thread keeps the process name
      }
      if (name.startsWith("pushgen-read")) {
        return READER;
      }
      if (name.startsWith("HttpClient-") || name.startsWith("pushgen-push") || name.startsWith("pushgen-http")) {
        return HTTP;
      }
      if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
        return JIT;
      }
      if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
        return GC;
      }
      return OTHER;
    }
  }

  private static final double TICKS_PER_SECOND = 100; // USER_HZ, the unit of utime and stime

  private final Map<String, Sampled> threads = new HashMap<>();

  private record Sampled(String name, long ticks) {}

  /** Reads the CPU spent so far by every thread of the JVM {@code pid}. */
  void sample(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (NoSuchFileException ended) {
          continue;
        }
        // pid (comm) state ...: comm may hold spaces, so the fields are counted after its ')'.
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        threads.put(task.getFileName().toString(), new Sampled(name, ticks));
      }
    } catch (IOException | RuntimeException gone) {
      // the JVM has exited (or there is no /proc): the last samples stand
    }
  }

  /** The JVM found among {@code process} and its descendants ({@code /usr/bin/time} runs it). */
  static long jvmPid(Process process) {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .filter(h -> h.info().command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(-1);
  }

  /** CPU seconds by kind, every kind present (zero when none of its threads was seen). */
  Map<Kind, Double> byKind() {
    Map<Kind, Double> seconds = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      seconds.put(kind, 0.0);
    }
    threads.values().forEach(t -> seconds.merge(Kind.of(t.name()), t.ticks() / TICKS_PER_SECOND, Double::sum));
    return seconds;
  }

  /** For the log: {@code main thread ... 1.28 s, ..., JIT compilers (C1, C2) 1.95 s}. */
  static String describe(Map<Kind, Double> seconds) {
    return seconds.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey().label, e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
