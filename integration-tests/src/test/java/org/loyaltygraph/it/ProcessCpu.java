package org.loyaltygraph.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time (user + system) a process has used, read from Linux's /proc, so the benchmark can say
 * where an order's CPU goes: the service, the database server, or the baseline's own client. Empty
 * where /proc cannot tell (another OS, a database on another host).
 */
final class ProcessCpu {

  /** Linux reports /proc times in USER_HZ ticks, 100 per second on every mainstream build. */
  private static final long MILLIS_PER_TICK = 10;

  private ProcessCpu() {}

  static OptionalLong millis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name may hold spaces: fields are counted after its closing parenthesis
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return OptionalLong.of(ticks * MILLIS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** The local MariaDB or MySQL server's process, if one runs on this machine. */
  static OptionalLong databaseServerPid() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> isDatabaseServer(p.resolve("comm")))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean isDatabaseServer(Path comm) {
    try {
      String name = Files.readString(comm).trim();
      return name.equals("mariadbd") || name.equals("mysqld");
    } catch (IOException e) {
      return false;
    }
  }
}
