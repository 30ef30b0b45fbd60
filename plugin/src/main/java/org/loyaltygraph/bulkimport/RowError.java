package org.loyaltygraph.bulkimport;

import java.util.List;

/**
 * A record of the file that was not imported: the line it is on (1 is a CSV file's header), the
 * record's own id when it has one, the input field at fault and the code the matching mutation
 * gives (or a file code: MALFORMED_ROW, INVALID_VALUE, INTERNAL).
 */
record RowError(
    long id, int line, String recordKey, List<String> field, String code, String message) {

  static RowError of(int line, String recordKey, List<String> field, String code, String message) {
    return new RowError(0, line, recordKey, field, code, message);
  }
}
