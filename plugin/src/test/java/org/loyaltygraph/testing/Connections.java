package org.loyaltygraph.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Reading a whole Relay connection, page after page. */
public final class Connections {

  private Connections() {}

  /**
   * Every node of a connection: {@code page} answers the connection's page after a cursor (null for
   * the first page).
   */
  public static List<JsonNode> allNodes(Function<String, JsonNode> page) {
    List<JsonNode> all = new ArrayList<>();
    String after = null;
    do {
      JsonNode connection = page.apply(after);
      connection.path("edges").forEach(e -> all.add(e.path("node")));
      after =
          connection.at("/pageInfo/hasNextPage").asBoolean()
              ? connection.at("/pageInfo/endCursor").asString()
              : null;
    } while (after != null);
    return all;
  }
}
