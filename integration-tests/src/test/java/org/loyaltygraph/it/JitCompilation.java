package org.loyaltygraph.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How much of a process's time its JIT compiler spends, read from HotSpot's performance counters
 * through {@code jcmd PerfCounter.print}: the benchmark measures only once the compiler has
 * settled, since on 2 shared cores it was still taking a third of the service's CPU after a minute
 * of load.
 */
final class JitCompilation {

  private final long pid;

  JitCompilation(long pid) {
    this.pid = pid;
  }

  /** Seconds the compiler threads have spent compiling since the process started. */
  double seconds() {
    long ticks = 0;
    long frequency = 1;
    for (String line : perfCounters()) {
      String[] kv = line.split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      if (kv[0].equals("java.ci.totalTime") || kv[0].equals("sun.ci.totalTime")) {
        ticks = Long.parseLong(kv[1].trim());
      } else if (kv[0].equals("sun.os.hrt.frequency")) {
        frequency = Long.parseLong(kv[1].trim());
      }
    }
    return (double) ticks / frequency;
  }

  private List<String> perfCounters() {
    try {
      Process p =
          new ProcessBuilder("jcmd", Long.toString(pid), "PerfCounter.print")
              .redirectErrorStream(true)
              .start();
      List<String> lines = new ArrayList<>(p.inputReader().lines().toList());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("jcmd PerfCounter.print failed: " + lines);
      }
      return lines;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the JIT counters of " + pid, e);
    }
  }
}
