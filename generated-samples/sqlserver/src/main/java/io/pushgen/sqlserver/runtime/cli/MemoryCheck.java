// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.sqlserver.runtime.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;

/**
 * Warns before a long run when the machine is short of memory. It never aborts and stays silent
 * where the JVM does not expose physical memory figures.
 */
public final class MemoryCheck {
  /** Below this much free physical memory a warning is printed. */
  public static final long LOW_FREE_BYTES = 2L * 1024 * 1024 * 1024;

  private MemoryCheck() {}

  /**
   * Prints a warning when free physical memory is below 2 GB, and the maximum heap size in verbose
   * mode.
   */
  public static void run(Console console) {
    long maxHeap = Runtime.getRuntime().maxMemory();
    freePhysicalMemory().flatMap(free -> assess(free, maxHeap)).ifPresent(console::warn);
    console.debug("max heap: " + gigabytes(maxHeap));
  }

  /** The warning for these figures, if any. */
  static Optional<String> assess(long freePhysicalBytes, long maxHeapBytes) {
    if (freePhysicalBytes >= LOW_FREE_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        "only "
            + gigabytes(freePhysicalBytes)
            + " of physical memory is free (max heap "
            + gigabytes(maxHeapBytes)
            + "); the run may be slow or be stopped by the operating system");
  }

  private static Optional<Long> freePhysicalMemory() {
    try {
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        long free = os.getFreeMemorySize();
        return free > 0 ? Optional.of(free) : Optional.empty();
      }
    } catch (RuntimeException | LinkageError unavailable) {
      // No figures on this JVM: nothing to check.
    }
    return Optional.empty();
  }

  private static String gigabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
  }
}
