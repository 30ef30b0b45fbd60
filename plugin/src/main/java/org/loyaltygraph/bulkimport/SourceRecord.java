package org.loyaltygraph.bulkimport;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record of a file, in the shape of the matching mutation's input whatever the format: an
 * NDJSON line as it is, or a group of CSV rows turned into an object with the per-row columns as an
 * array ({@code lines}, {@code lots}).
 *
 * @param line the line the record starts on
 * @param key the record's own id (order id, customer id), for error reports; may be null
 * @param value the input, or null when the record could not be read
 * @param partLines the line of each element of the array field (CSV); empty for NDJSON
 * @param problem why the record cannot be imported as read, or null
 */
record SourceRecord(
    int line, String key, ObjectNode value, List<Integer> partLines, RowError problem) {

  /** The line of a field of the input: the CSV row of an array element, else the record's line. */
  int lineOf(List<String> field) {
    if (field != null && field.size() >= 3 && !partLines.isEmpty()) {
      try {
        int index = Integer.parseInt(field.get(2));
        if (index >= 0 && index < partLines.size()) {
          return partLines.get(index);
        }
      } catch (NumberFormatException notAnIndex) {
        // a field of the record itself
      }
    }
    return line;
  }
}
