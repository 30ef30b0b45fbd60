package org.loyaltygraph.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.ShopperTokens;
import org.loyaltygraph.testing.TestDatabase;

/**
 * The packaged plugin ({@code plugin-*-exec.jar}) started once as its own process, on the test
 * database, with the test credentials; stopped when the test JVM exits. Its log goes to {@code
 * target/plugin-under-test.log}.
 */
final class PackagedPlugin {

  private static PackagedPlugin instance;

  private final Process process;
  private final String baseUrl;

  private PackagedPlugin(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  static synchronized PackagedPlugin get() {
    if (instance == null) {
      instance =
          start(
              List.of(),
              List.of(),
              Path.of("target", "plugin-under-test.log"),
              Duration.ofSeconds(120));
    }
    return instance;
  }

  /**
   * A separate instance (the benchmark's), with extra JVM and application arguments, ready within
   * {@code startTimeout} (the demo shop's seeding holds the readiness back until it is done).
   */
  static PackagedPlugin startWith(
      List<String> jvmArgs, List<String> appArgs, Path log, Duration startTimeout) {
    return start(jvmArgs, appArgs, log, startTimeout);
  }

  long pid() {
    return process.pid();
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  GraphQLTestClient client() {
    return new GraphQLTestClient(baseUrl);
  }

  /** The generated typed client, with the storefront's API key. */
  TypedGraphQLClient storefront() {
    return typedClient("Bearer " + GraphQLTestClient.STOREFRONT_KEY);
  }

  /** The generated typed client, with this {@code Authorization} header. */
  TypedGraphQLClient typedClient(String authorization) {
    return new TypedGraphQLClient(baseUrl, authorization);
  }

  private static PackagedPlugin start(
      List<String> jvmArgs, List<String> appArgs, Path log, Duration startTimeout) {
    String jar = System.getProperty("loyaltygraph.jar");
    if (jar == null || !new File(jar).isFile()) {
      throw new IllegalStateException("Packaged plugin not found at " + jar + "; run mvn verify");
    }
    TestDatabase db = TestDatabase.get();
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar);
    command.add("--server.port=" + port);
    command.add("--spring.datasource.url=" + db.serviceUrl());
    command.add("--spring.datasource.username=" + db.user());
    command.add("--spring.datasource.password=" + db.password());
    command.add(
        "--loyaltygraph.security.bootstrap-storefront-key=" + GraphQLTestClient.STOREFRONT_KEY);
    command.add("--loyaltygraph.security.jwt-secret=" + ShopperTokens.SECRET);
    command.addAll(appArgs);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      String baseUrl = "http://127.0.0.1:" + port;
      awaitReady(process, baseUrl, log, startTimeout);
      return new PackagedPlugin(process, baseUrl);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the readiness probe: UP once the service takes traffic (after any seeding). */
  private static void awaitReady(Process process, String baseUrl, Path log, Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The plugin exited at start; see " + log.toAbsolutePath());
      }
      try {
        HttpResponse<String> readiness =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (readiness.statusCode() == 200 && readiness.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep();
    }
    process.destroy();
    throw new IllegalStateException(
        "The plugin was not ready in " + timeout.toSeconds() + " s; see " + log);
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
