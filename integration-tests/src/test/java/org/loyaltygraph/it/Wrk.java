package org.loyaltygraph.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs Debian's {@code wrk} against 127.0.0.1 with one of the benchmark's Lua scripts, bounded in
 * time ({@code -d}, and killed if it overruns) and in requests (the script stops each thread after
 * its maximum), and reads the line its {@code done()} prints.
 */
final class Wrk {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path scripts;

  private Wrk(Path scripts) {
    this.scripts = scripts;
  }

  /** Checks that wrk is installed and writes the scripts (common.lua prepended) to {@code dir}. */
  static Wrk prepare(Path dir) throws IOException {
    try {
      Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      probe.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(
          "wrk is not installed: on Debian/Ubuntu run `sudo apt-get install -y wrk`"
              + " (macOS: `brew install wrk`), then run the benchmark again.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Files.createDirectories(dir);
    String common = resource("common.lua");
    for (String name : List.of("read.lua", "order.lua")) {
      Files.writeString(dir.resolve(name), common + "\n" + resource(name));
    }
    return new Wrk(dir);
  }

  /** One bounded run: {@code connections} connections from one wrk thread for {@code seconds}. */
  Result run(
      String baseUrl,
      String script,
      int connections,
      int seconds,
      long maxRequests,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "wrk",
            "-t1",
            "-c" + connections,
            "-d" + seconds + "s",
            "--timeout",
            "10s",
            "-s",
            scripts.resolve(script).toString(),
            baseUrl,
            "--"));
    command.addAll(args);
    command.add(Long.toString(maxRequests)); // every script's last argument
    try {
      Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = wrk.getInputStream()) {
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
          wrk.destroyForcibly();
          throw new IllegalStateException("wrk overran its " + seconds + " s and was killed");
        }
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String line =
          output
              .lines()
              .filter(l -> l.startsWith("BENCH "))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("wrk failed:\n" + output));
      JsonNode json = JSON.readTree(line.substring(6));
      return new Result(
          json.path("requests").asLong(),
          json.path("durationMicros").asLong(),
          json.path("failures").asLong(),
          json.path("socketErrors").asLong(),
          json.path("p50Micros").asLong(),
          json.path("p99Micros").asLong());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Wrk.class.getResourceAsStream("/benchmark/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource benchmark/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What one wrk run measured. */
  record Result(
      long requests,
      long durationMicros,
      long failures,
      long socketErrors,
      long p50Micros,
      long p99Micros) {

    double perSecond() {
      return requests * 1_000_000.0 / durationMicros;
    }
  }
}
