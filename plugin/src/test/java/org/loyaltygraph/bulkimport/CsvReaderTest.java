package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 as the import reads it, and the line each record starts on. */
class CsvReaderTest {

  private static List<CsvReader.Row> read(String text) {
    List<CsvReader.Row> rows = new ArrayList<>();
    new CsvReader(text).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
    List<CsvReader.Row> rows =
        read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\n");

    assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 2, 4);
    assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\r\nlines");
    assertThat(rows.get(2).fields()).containsExactly("last", "", "");
    assertThat(rows).allMatch(r -> r.problem() == null);
  }

  @Test
  void emptyLinesAreSkippedAndStillCounted() {
    List<CsvReader.Row> rows = read("h\n\n\nv\n");

    assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1, 4);
  }

  @Test
  void brokenQuotingIsTheRowsProblemNotTheFiles() {
    List<CsvReader.Row> rows = read("h1,h2\n\"a\"b,c\nok,1\n\"never closed,2\n");

    assertThat(rows.get(1).problem()).contains("closing quote");
    assertThat(rows.get(2).problem()).isNull();
    assertThat(rows.get(3).problem()).contains("not closed");
    assertThat(rows.get(3).line()).isEqualTo(4);
  }

  @Test
  void anEmptyQuotedFieldIsEmpty() {
    assertThat(read("\"\",x").get(0).fields()).containsExactly("", "x");
  }
}
