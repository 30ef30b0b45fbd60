package org.loyaltygraph.schema.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks of the published schema that are deliberate, from {@code accepted-breaks.txt}: one per
 * line, the break exactly as the check reports it, then {@code |} and why. Lines starting with
 * {@code #} and blank lines are comments.
 */
record AcceptedBreaks(Map<String, String> reasons) {

  static final String SEPARATOR = "|";

  static AcceptedBreaks read(Path file) {
    try {
      return Files.exists(file) ? parse(Files.readString(file)) : parse("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses a line without a reason: an accepted break must say why it is acceptable. */
  static AcceptedBreaks parse(String text) {
    Map<String, String> reasons = new LinkedHashMap<>();
    List<String> lines = text.lines().map(String::strip).toList();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int separator = line.indexOf(SEPARATOR);
      String reason = separator < 0 ? "" : line.substring(separator + 1).strip();
      if (reason.isEmpty()) {
        throw new IllegalArgumentException(
            "accepted-breaks.txt line "
                + number
                + " gives no reason: write `<break> | <why it is acceptable>`: "
                + line);
      }
      reasons.put(line.substring(0, separator).strip(), reason);
    }
    return new AcceptedBreaks(Map.copyOf(reasons));
  }

  /** The breaks that nobody accepted. */
  List<String> unaccepted(List<String> breaks) {
    return breaks.stream().filter(line -> !reasons.containsKey(line)).toList();
  }

  /** Accepted lines that break nothing any more: a typo, or a baseline published since. */
  List<String> stale(List<String> breaks) {
    return reasons.keySet().stream().filter(line -> !breaks.contains(line)).sorted().toList();
  }

  /**
   * The comments of the file, without its accepted lines: what a newly published baseline keeps.
   */
  static String commentsOnly(String text) {
    StringBuilder comments = new StringBuilder();
    text.lines()
        .filter(line -> line.isBlank() || line.strip().startsWith("#"))
        .forEach(line -> comments.append(line).append('\n'));
    return comments.toString().stripTrailing() + "\n";
  }
}
