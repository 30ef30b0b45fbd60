package org.loyaltygraph.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the request threads' CPU samples ({@code jdk.ExecutionSample}) of a JFR recording fall:
 * each sample goes to the layer of the innermost frame that is not JDK code (a {@code HashMap.get}
 * called by graphql-java counts as graphql-java), and the hottest methods by self samples.
 */
final class JfrProfile {

  /** Layers by class-name prefix, the more specific first. */
  private static final Map<String, String> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("org.loyaltygraph.graphql.QueryShape", "query limits (depth, cost walk)");
    LAYERS.put("org.loyaltygraph.graphql.QueryLimits", "query limits (depth, cost walk)");
    LAYERS.put("org.loyaltygraph.", "Loyalty Graph (fetchers, services, security)");
    LAYERS.put("org.loyaltygraph.schema.", "Loyalty Graph (fetchers, services, security)");
    LAYERS.put("com.mysql.", "JDBC driver and pool");
    LAYERS.put("com.zaxxer.hikari.", "JDBC driver and pool");
    LAYERS.put("org.springframework.jdbc.", "Spring JDBC and transactions");
    LAYERS.put("org.springframework.transaction.", "Spring JDBC and transactions");
    LAYERS.put("com.github.benmanes.caffeine.", "Caffeine");
    LAYERS.put("graphql.parser.", "graphql-java parsing");
    LAYERS.put("graphql.language.", "graphql-java parsing");
    LAYERS.put("graphql.validation.", "graphql-java validation");
    LAYERS.put("graphql.execution.instrumentation.", "graphql-java instrumentation");
    LAYERS.put("graphql.", "graphql-java execution");
    LAYERS.put("org.dataloader.", "DataLoader");
    LAYERS.put("com.netflix.graphql.", "DGS");
    LAYERS.put("org.springframework.graphql.", "spring-graphql (web handler, interceptors)");
    LAYERS.put("reactor.", "Reactor (spring-graphql's Mono chain)");
    LAYERS.put("io.micrometer.", "Micrometer (observations, metrics)");
    LAYERS.put("tools.jackson.", "JSON (Jackson)");
    LAYERS.put("com.fasterxml.jackson.", "JSON (Jackson)");
    LAYERS.put("org.springframework.web.", "Spring MVC web layer");
    LAYERS.put("org.springframework.http.", "Spring MVC web layer");
    LAYERS.put("org.springframework.boot.", "Spring MVC web layer");
    LAYERS.put("jakarta.servlet.", "Spring MVC web layer");
    LAYERS.put("org.apache.", "Tomcat (HTTP, sockets)");
    LAYERS.put("org.springframework.", "Spring (AOP, beans, other)");
  }

  record Share(String name, long samples, double percent) {}

  /** Milliseconds the request threads spent waiting on the database, by our calling method. */
  record Wait(String site, long reads, long millis) {}

  record Summary(long samples, List<Share> layers, List<Share> hotMethods, List<Wait> dbWaits) {}

  static Summary of(Path recording) throws IOException {
    Map<String, Long> layers = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    long total = 0;
    Map<String, long[]> waits = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (event.getEventType().getName().equals("jdk.SocketRead")
          && event.getStackTrace() != null) {
        String site = ourFrame(event.getStackTrace().getFrames());
        long[] w = waits.computeIfAbsent(site, k -> new long[2]);
        w[0]++;
        w[1] += event.getDuration().toMillis();
        continue;
      }
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      var thread = event.getThread("sampledThread");
      if (thread == null
          || thread.getJavaName() == null
          || !thread.getJavaName().startsWith("http-nio")) {
        continue; // only the request threads
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      total++;
      RecordedFrame top = frames.get(0);
      methods.merge(name(top), 1L, Long::sum);
      layers.merge(layer(frames), 1L, Long::sum);
    }
    List<Wait> dbWaits = new ArrayList<>();
    waits.entrySet().stream()
        .filter(e -> !e.getKey().isEmpty())
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(5)
        .forEach(e -> dbWaits.add(new Wait(e.getKey(), e.getValue()[0], e.getValue()[1])));
    return new Summary(total, shares(layers, total, 20), shares(methods, total, 15), dbWaits);
  }

  /** The innermost Loyalty Graph method of a stack (socket reads of a request are the database). */
  private static String ourFrame(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("org.loyaltygraph.") && !type.contains("$$")) {
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
      }
    }
    return "";
  }

  private static String layer(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
        if (type.startsWith(layer.getKey())) {
          return layer.getValue();
        }
      }
    }
    return "JDK (other)";
  }

  private static String name(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  private static List<Share> shares(Map<String, Long> counts, long total, int limit) {
    List<Share> list = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> list.add(new Share(e.getKey(), e.getValue(), 100.0 * e.getValue() / total)));
    return list;
  }
}
