package org.loyaltygraph.bulkimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.loyaltygraph.testing.Storefront;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real past orders for the import tests: the CDNOW purchases (1997-1998, MIT-licensed copy, see
 * ../shared/data/README.md), read in place and never copied into the repository. Each row
 * (customer, day, number of CDs, dollars) is an order line; a customer's rows of one day make one
 * order. Dates move 28 years forward (into 2025-2026) so that the points are recent enough to be
 * available.
 */
final class CdnowOrders {

  private static final Logger log = LoggerFactory.getLogger(CdnowOrders.class);

  static final String FILE = "cdnow/CDNOW_master.txt";

  record Line(String lineId, int quantity, long unitPrice, long discount) {}

  record Order(String id, String customerId, Instant placedAt, List<Line> lines) {}

  private CdnowOrders() {}

  /**
   * The orders of {@code rows} data rows from row {@code from}, ids prefixed with {@code prefix}.
   */
  static List<Order> read(String prefix, int from, int rows) {
    List<String> lines = rows(from, rows);
    List<Order> orders = new ArrayList<>();
    String currentKey = null;
    List<Line> current = null;
    for (String row : lines) {
      String[] f = row.trim().split("\\s+");
      String customer = prefix + "-" + f[0];
      String key = customer + "-" + f[1];
      int quantity = Integer.parseInt(f[2]);
      long cents = Math.round(Double.parseDouble(f[3]) * 100);
      // a whole unit price and a line discount that bring the line to the exact total
      long unitPrice = (cents + quantity - 1) / quantity;
      if (!key.equals(currentKey)) {
        current = new ArrayList<>();
        currentKey = key;
        Instant placedAt =
            LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE)
                .plusYears(28)
                .atTime(12, 0)
                .toInstant(ZoneOffset.UTC);
        orders.add(new Order(key, customer, placedAt, current));
      }
      current.add(
          new Line("l" + (current.size() + 1), quantity, unitPrice, unitPrice * quantity - cents));
    }
    return orders;
  }

  static List<String> customers(List<Order> orders) {
    return List.copyOf(
        orders.stream()
            .map(Order::customerId)
            .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /** One CSV row per order line, the order's columns repeated on each. */
  static String csv(List<Order> orders) {
    StringBuilder csv =
        new StringBuilder(
            "order_id,customer_id,placed_at,currency,line_id,sku,category,quantity,unit_price,discount\r\n");
    for (Order o : orders) {
      for (Line l : o.lines()) {
        csv.append(o.id()).append(',').append(o.customerId()).append(',').append(o.placedAt());
        csv.append(",USD,").append(l.lineId()).append(",CD,music,").append(l.quantity());
        csv.append(',').append(l.unitPrice()).append(',').append(l.discount()).append("\r\n");
      }
    }
    return csv.toString();
  }

  /** One JSON object per order, with its lines, as orderRecord's input names them. */
  static String ndjson(List<Order> orders) {
    StringBuilder out = new StringBuilder();
    for (Order o : orders) {
      out.append("{\"id\":\"").append(o.id()).append("\",\"customerId\":\"").append(o.customerId());
      out.append("\",\"placedAt\":\"")
          .append(o.placedAt())
          .append("\",\"currency\":\"USD\",\"lines\":[");
      for (int i = 0; i < o.lines().size(); i++) {
        Line l = o.lines().get(i);
        out.append(i == 0 ? "" : ",").append("{\"lineId\":\"").append(l.lineId());
        out.append("\",\"sku\":\"CD\",\"category\":\"music\",\"quantity\":").append(l.quantity());
        out.append(",\"unitPrice\":")
            .append(l.unitPrice())
            .append(",\"discount\":")
            .append(l.discount());
        out.append('}');
      }
      out.append("]}\n");
    }
    return out.toString();
  }

  /** The input of orderRecord for the same order, under other ids. */
  static Map<String, Object> graphQLInput(Order o, String orderId, String customerId) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Line l : o.lines()) {
      Map<String, Object> line =
          Storefront.line(l.lineId(), "CD", "music", l.quantity(), l.unitPrice());
      line.put("discount", l.discount());
      lines.add(line);
    }
    Map<String, Object> input =
        new HashMap<>(Storefront.order(orderId, customerId, o.placedAt(), "USD", lines));
    return input;
  }

  /**
   * Data rows of CDNOW_master.txt ({@code customer yyyymmdd cds dollars}), or, where the shared
   * data are not beside this checkout, as many rows of the same shape drawn from a fixed seed (a CI
   * machine may clone the project elsewhere): the import is then tested on them, and the log says
   * so.
   */
  private static List<String> rows(int from, int rows) {
    Optional<Path> data = dataDirectory();
    if (data.isPresent()) {
      try (Stream<String> all = Files.lines(data.get().resolve(FILE))) {
        return all.skip(1L + from).limit(rows).toList();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    log.warn(
        "The shared CDNOW data ({}) are not beside this checkout (set LOYALTYGRAPH_SHARED_DATA):"
            + " the import tests use generated rows of the same shape",
        FILE);
    Random random = new Random(1997L + from);
    List<String> generated = new ArrayList<>();
    LocalDate day = LocalDate.of(1997, 1, 1);
    int customer = 1 + from;
    while (generated.size() < rows) {
      int purchases = 1 + random.nextInt(4);
      for (int p = 0; p < purchases && generated.size() < rows; p++) {
        String date =
            day.plusDays(p * 30L + random.nextInt(20)).format(DateTimeFormatter.BASIC_ISO_DATE);
        // as in CDNOW, a customer's rows of one day are one order: some days have two
        int rowsThatDay = random.nextInt(3) == 0 ? 2 : 1;
        for (int r = 0; r < rowsThatDay && generated.size() < rows; r++) {
          int cds = 1 + random.nextInt(5);
          double dollars = Math.round((5 + random.nextDouble() * 15) * cds * 100) / 100.0;
          generated.add(customer + " " + date + " " + cds + " " + dollars);
        }
      }
      customer++;
    }
    return generated;
  }

  /**
   * The shared data: LOYALTYGRAPH_SHARED_DATA if set, else ../shared/data from the project root
   * (the tests run in the plugin module, one level down).
   */
  static Optional<Path> dataDirectory() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getenv("LOYALTYGRAPH_SHARED_DATA");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    candidates.add(Path.of("../shared/data"));
    candidates.add(Path.of("../../shared/data"));
    return candidates.stream().filter(c -> Files.isRegularFile(c.resolve(FILE))).findFirst();
  }
}
