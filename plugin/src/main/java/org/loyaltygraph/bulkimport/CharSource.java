package org.loyaltygraph.bulkimport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The characters of a file with one of look-ahead, read through a small buffer, so that the CSV and
 * NDJSON readers never hold more than the record they are on. A read failure (bytes that are not
 * UTF-8, the database) is unchecked: the file's check at upload turns it into a refusal.
 */
final class CharSource {

  private final Reader reader;
  private final char[] buffer = new char[8192];
  private int length;
  private int pos;
  private boolean ended;

  CharSource(Reader reader) {
    this.reader = reader;
  }

  /** The next character without taking it, or -1 at the end. */
  int peek() {
    return ready() ? buffer[pos] : -1;
  }

  /** Takes the next character, or answers -1 at the end. */
  int next() {
    return ready() ? buffer[pos++] : -1;
  }

  private boolean ready() {
    while (pos == length && !ended) {
      int n;
      try {
        n = reader.read(buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ended = n < 0;
      length = Math.max(n, 0);
      pos = 0;
    }
    return pos < length;
  }
}
