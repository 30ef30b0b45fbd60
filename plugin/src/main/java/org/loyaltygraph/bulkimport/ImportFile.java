package org.loyaltygraph.bulkimport;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An uploaded file, read as a sequence of {@link SourceRecord}s from a stream that can be opened
 * again from the start (the job's stored chunks), one record in memory at a time. Reading is
 * deterministic, so a job resumes by reading the file again and skipping the records it has been
 * through. A file that cannot be read at all (not UTF-8, a CSV header without the required columns)
 * is refused whole; anything wrong inside a record is that record's error.
 */
final class ImportFile {

  static final String MALFORMED_ROW = "MALFORMED_ROW";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Supplier<InputStream> content;
  private final ImportKind kind;
  private final ImportFormat format;
  private final List<String> header;

  private ImportFile(
      Supplier<InputStream> content, ImportKind kind, ImportFormat format, List<String> header) {
    this.content = content;
    this.kind = kind;
    this.format = format;
    this.header = header;
  }

  /**
   * Checks the start of a file: that it holds more than white space, and a CSV file's header. The
   * rest is read by {@link #count}, which the upload calls to check every byte is UTF-8.
   *
   * @param content opens the file from its first byte, each time it is called
   */
  static ImportFile open(Supplier<InputStream> content, ImportKind kind, ImportFormat format)
      throws FileRefused {
    try {
      if (blank(chars(content))) {
        throw new FileRefused("EMPTY_FILE", "The file holds no records.");
      }
      List<String> header = format == ImportFormat.CSV ? header(chars(content), kind) : List.of();
      return new ImportFile(content, kind, format, header);
    } catch (UncheckedIOException e) {
      throw refusal(e);
    }
  }

  /** The records of the file, from the first. */
  Iterator<SourceRecord> records() {
    return format == ImportFormat.CSV ? new CsvRecords() : new NdjsonRecords();
  }

  /** How many records the file holds, reading it to its end: bytes that are not UTF-8 refuse it. */
  int count() throws FileRefused {
    int n = 0;
    try {
      for (Iterator<SourceRecord> it = records(); it.hasNext(); it.next()) {
        n++;
      }
    } catch (UncheckedIOException e) {
      throw refusal(e);
    }
    return n;
  }

  /** The file's characters, strictly UTF-8, without a leading byte order mark. */
  private static CharSource chars(Supplier<InputStream> content) {
    CharSource chars =
        new CharSource(
            new InputStreamReader(
                content.get(),
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    if (chars.peek() == '\uFEFF') {
      chars.next();
    }
    return chars;
  }

  /** True when the file is white space only; stops at the first other character. */
  private static boolean blank(CharSource chars) {
    int c;
    while ((c = chars.next()) >= 0) {
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  private static FileRefused refusal(UncheckedIOException e) {
    if (e.getCause() instanceof CharacterCodingException) {
      return new FileRefused("NOT_UTF8", "The file is not UTF-8 text.");
    }
    throw e;
  }

  private static List<String> header(CharSource chars, ImportKind kind) throws FileRefused {
    CsvReader.Row first = new CsvReader(chars).next();
    if (first.problem() != null) {
      throw new FileRefused("MALFORMED_HEADER", "The header row: " + first.problem());
    }
    List<String> names =
        first.fields().stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
    Set<String> known = new LinkedHashSet<>();
    Set<String> required = new LinkedHashSet<>();
    for (ImportKind.Column c : columns(kind)) {
      known.add(c.csv());
      if (c.required()) {
        required.add(c.csv());
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new FileRefused("MALFORMED_HEADER", "The column " + name + " appears twice.");
      }
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new FileRefused(
          "UNKNOWN_COLUMNS",
          "Unknown columns " + unknown + "; the columns of " + kind.parameter() + " are " + known);
    }
    required.removeAll(seen);
    if (!required.isEmpty()) {
      throw new FileRefused("MISSING_COLUMNS", "Missing required columns " + required);
    }
    return names;
  }

  private static List<ImportKind.Column> columns(ImportKind kind) {
    List<ImportKind.Column> all = new ArrayList<>(kind.recordColumns());
    all.addAll(kind.partColumns());
    return all;
  }

  private String keyField() {
    return kind == ImportKind.OPENING_BALANCES ? "customerId" : "id";
  }

  /** NDJSON: every non-blank line is one record, an object. */
  private final class NdjsonRecords implements Iterator<SourceRecord> {

    private final CharSource in = chars(content);
    private final StringBuilder text = new StringBuilder();
    private int line;
    private SourceRecord next;

    NdjsonRecords() {
      advance();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public SourceRecord next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      SourceRecord record = next;
      advance();
      return record;
    }

    private void advance() {
      next = null;
      while (next == null && in.peek() >= 0) {
        text.setLength(0);
        int c;
        while ((c = in.next()) >= 0 && c != '\n') {
          text.append((char) c);
        }
        String value = text.toString().strip();
        line++;
        if (!value.isEmpty()) {
          next = parse(value, line);
        }
      }
    }

    private SourceRecord parse(String content, int at) {
      JsonNode node;
      try {
        node = JSON.readTree(content);
      } catch (JacksonException e) {
        return failed(at, null, "This line is not a JSON value: " + e.getOriginalMessage());
      }
      if (!(node instanceof ObjectNode object)) {
        return failed(at, null, "Each line holds one JSON object.");
      }
      JsonNode key = object.get(keyField());
      return new SourceRecord(
          at, key != null && key.isValueNode() ? key.asString() : null, object, List.of(), null);
    }
  }

  /** CSV: a header, then rows; contiguous rows with the same group column make one record. */
  private final class CsvRecords implements Iterator<SourceRecord> {

    private final CsvReader rows = new CsvReader(chars(content));
    private final int groupIndex;
    private CsvReader.Row pending;

    CsvRecords() {
      rows.next(); // the header, checked when the file was opened
      groupIndex = kind.groupColumn() == null ? -1 : header.indexOf(kind.groupColumn());
      pending = rows.hasNext() ? rows.next() : null;
    }

    @Override
    public boolean hasNext() {
      return pending != null;
    }

    @Override
    public SourceRecord next() {
      if (pending == null) {
        throw new NoSuchElementException();
      }
      List<CsvReader.Row> group = new ArrayList<>();
      group.add(pending);
      String key = groupKey(pending);
      pending = rows.hasNext() ? rows.next() : null;
      while (key != null && pending != null && key.equals(groupKey(pending))) {
        group.add(pending);
        pending = rows.hasNext() ? rows.next() : null;
      }
      return assemble(group);
    }

    private String groupKey(CsvReader.Row row) {
      if (groupIndex < 0 || groupIndex >= row.fields().size()) {
        return null;
      }
      String key = row.fields().get(groupIndex).trim();
      return key.isEmpty() ? null : key;
    }

    private SourceRecord assemble(List<CsvReader.Row> group) {
      CsvReader.Row first = group.get(0);
      String key = keyOf(first);
      ObjectNode value = JSON.createObjectNode();
      ArrayNode parts = kind.partsField() == null ? null : value.putArray(kind.partsField());
      List<Integer> partLines = new ArrayList<>();
      RowError problem = null;
      for (CsvReader.Row row : group) {
        if (problem == null) {
          problem = shapeProblem(row, key);
        }
        if (problem != null) {
          continue;
        }
        for (ImportKind.Column c : kind.recordColumns()) {
          String cell = cell(row, c.csv());
          if (cell == null) {
            continue;
          }
          JsonNode earlier = value.get(c.field());
          if (earlier == null) {
            value.put(c.field(), cell);
          } else if (!earlier.asString().equals(cell)) {
            problem =
                RowError.of(
                    row.line(),
                    key,
                    List.of("input", c.field()),
                    "INVALID",
                    c.csv() + " differs from the record's first row (line " + first.line() + ").");
          }
        }
        if (parts != null) {
          ObjectNode part = parts.addObject();
          for (ImportKind.Column c : kind.partColumns()) {
            String cell = cell(row, c.csv());
            if (cell != null) {
              part.put(c.field(), cell);
            }
          }
          partLines.add(row.line());
        }
      }
      return new SourceRecord(
          first.line(), key, problem == null ? value : null, List.copyOf(partLines), problem);
    }

    private RowError shapeProblem(CsvReader.Row row, String key) {
      if (row.problem() != null) {
        return RowError.of(row.line(), key, null, MALFORMED_ROW, row.problem());
      }
      if (row.fields().size() != header.size()) {
        return RowError.of(
            row.line(),
            key,
            null,
            MALFORMED_ROW,
            "This row has "
                + row.fields().size()
                + " fields; the header has "
                + header.size()
                + ".");
      }
      return null;
    }

    private String keyOf(CsvReader.Row row) {
      String keyColumn = kind.recordColumns().get(0).csv();
      return cell(row, keyColumn);
    }

    /** The trimmed cell of a column, or null when the column is absent or the cell empty. */
    private String cell(CsvReader.Row row, String column) {
      int index = header.indexOf(column);
      if (index < 0 || index >= row.fields().size()) {
        return null;
      }
      String cell = row.fields().get(index).trim();
      return cell.isEmpty() ? null : cell;
    }
  }

  private static SourceRecord failed(int line, String key, String message) {
    return new SourceRecord(
        line, key, null, List.of(), RowError.of(line, key, null, MALFORMED_ROW, message));
  }
}
