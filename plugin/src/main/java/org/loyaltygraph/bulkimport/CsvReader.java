package org.loyaltygraph.bulkimport;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads RFC 4180 CSV: comma-separated fields, records ended by CRLF or LF, fields in double quotes
 * may hold commas, line breaks and doubled quotes. Each record carries the line it starts on, so
 * that errors point at the file as the user sees it. Empty lines are skipped. A record that breaks
 * the quoting rules is still returned, with a {@code problem}, so one bad row never hides the
 * others. It reads from a {@link CharSource}, so a file of any size is read one record at a time.
 */
final class CsvReader implements Iterator<CsvReader.Row> {

  /** One record: the line it starts on, its fields, and what was wrong with it (or null). */
  record Row(int line, List<String> fields, String problem) {}

  private final CharSource in;
  private int line = 1;
  private Row next;

  CsvReader(String text) {
    this(new CharSource(new StringReader(text)));
  }

  CsvReader(CharSource in) {
    this.in = in;
    advance();
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Row next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    Row row = next;
    advance();
    return row;
  }

  private void advance() {
    // skip empty lines between records
    while (in.peek() == '\n' || in.peek() == '\r') {
      if (in.next() == '\n') {
        line++;
      }
    }
    next = in.peek() >= 0 ? read() : null;
  }

  private Row read() {
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    String problem = null;
    boolean quoted = false;
    boolean afterQuote = false;
    int c;
    while ((c = in.next()) >= 0) {
      if (quoted) {
        if (c == '"') {
          if (in.peek() == '"') {
            field.append('"');
            in.next();
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && in.peek() == '\n') {
          in.next();
        }
        line++;
        fields.add(field.toString());
        return new Row(start, fields, problem);
      } else if (c == '"' && field.isEmpty() && !afterQuote) {
        quoted = true;
      } else {
        if (afterQuote && problem == null) {
          problem = "A character follows a closing quote; quote the whole field.";
        }
        field.append((char) c);
      }
    }
    if (quoted) {
      problem = "A quoted field is not closed before the end of the file.";
    }
    fields.add(field.toString());
    return new Row(start, fields, problem);
  }
}
