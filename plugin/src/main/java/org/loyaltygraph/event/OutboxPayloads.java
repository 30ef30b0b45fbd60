package org.loyaltygraph.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** Event payloads as JSON objects whose fields keep the order they are given in. */
final class OutboxPayloads {

  private OutboxPayloads() {}

  /** {@code of("a", 1, "b", "x")} is {@code {"a":1,"b":"x"}}; a null value is written as null. */
  static Map<String, Object> of(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }
}
