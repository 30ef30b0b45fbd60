package org.loyaltygraph.bulkimport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads RFC 4180 CSV: comma-separated fields, records ended by CRLF or LF, fields in double quotes
 * may hold commas, line breaks and doubled quotes. Each record carries the line it starts on, so
 * that errors point at the file as the user sees it. Empty lines are skipped. A record that breaks
 * the quoting rules is still returned, with a {@code problem}, so one bad row never hides the
 * others.
 */
final class CsvReader implements Iterator<CsvReader.Row> {

  /** One record: the line it starts on, its fields, and what was wrong with it (or null). */
  record Row(int line, List<String> fields, String problem) {}

  private final String text;
  private int pos;
  private int line = 1;
  private Row next;

  CsvReader(String text) {
    this.text = text;
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
    while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
      if (text.charAt(pos) == '\n') {
        line++;
      }
      pos++;
    }
    next = pos < text.length() ? read() : null;
  }

  private Row read() {
    int start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    String problem = null;
    boolean quoted = false;
    boolean afterQuote = false;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (quoted) {
        if (c == '"') {
          if (pos < text.length() && text.charAt(pos) == '"') {
            field.append('"');
            pos++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
          pos++;
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
        field.append(c);
      }
    }
    if (quoted) {
      problem = "A quoted field is not closed before the end of the file.";
    }
    fields.add(field.toString());
    return new Row(start, fields, problem);
  }
}
