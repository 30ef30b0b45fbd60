package org.loyaltygraph.bulkimport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import tools.jackson.databind.JsonNode;

/**
 * An upload streams into the database in chunks (4 KB in the tests) and the worker reads it back
 * chunk by chunk: a record, and even a character, cut by a chunk boundary reads as if whole. The
 * size cap is counted while the body streams, whether or not it announced its length.
 */
@LoyaltyGraphTest
class ImportUploadStreamingTest extends ImportTestFixture {

  int chunk;

  @BeforeEach
  void setUp() {
    chunk = (int) properties.chunkSize().toBytes();
  }

  @Test
  void aCsvOrderCutByAChunkBoundaryMidCharacterImportsAsIfWhole() {
    String c = shop.newCustomer();
    // the order's first row holds a quoted two-line SKU whose "è" (2 bytes) the boundary splits
    String cut = p + "cut," + c + ",2026-05-02T10:00:00Z,USD,l1,\"Cr";
    String rest =
        "è" + "me\nbrûlée\",desserts,1,1200,\n" + p + "cut," + c + ",,,l2,SKU-2,,1,800,\n";
    StringBuilder file = new StringBuilder(ORDER_HEADER);
    int fillers = 0;
    while (room(file, cut) - padRow(c, 0).getBytes(UTF_8).length > 128) {
      file.append(order(p + "f" + fillers++, c, 100));
    }
    int pad = room(file, cut) - padRow(c, 0).getBytes(UTF_8).length;
    assertThat(pad).isBetween(1, 128);
    file.append(padRow(c, pad)).append(cut).append(rest);
    for (int i = 0; i < 45; i++) {
      file.append(order(p + "g" + i, c, 100));
    }
    byte[] bytes = file.toString().getBytes(UTF_8);
    assertThat(bytes.length).isGreaterThan(2 * chunk);

    String job = uploads.accepted("orders", "text/csv", file.toString());
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    JsonNode done = uploads.job(job);
    assertThat(chunks(job)).isEqualTo((bytes.length + chunk - 1) / chunk);
    assertThat(lastByteOfFirstChunk(job)).isEqualTo((byte) 0xC3); // the first byte of "è"
    assertThat(done.path("status").asString()).isEqualTo("DONE");
    assertThat(done.path("rowsTotal").asInt()).isEqualTo(fillers + 2 + 45);
    assertThat(done.path("rowsImported").asInt()).isEqualTo(fillers + 2 + 45);
    assertThat(uploads.errors(job)).isEmpty();
    assertThat(sku(p + "cut", "l1")).isEqualTo("Crème\nbrûlée");
    // 1.00 for each filler, 3.00 for the padding order, 12.00 + 8.00 for the cut one
    assertThat(ledger.balance(c)).isEqualTo(fillers + 45 + 3 + 20);
    ledger.assertConsistent(c);
  }

  @Test
  void anNdjsonLineCutByAChunkBoundaryMidCharacterImportsAsIfWhole() {
    String cut = "{\"id\":\"" + p + "cut\",\"firstName\":\"Zo";
    String rest = "ë\",\"lastName\":\"Ngata\"}\n";
    StringBuilder file = new StringBuilder();
    int fillers = 0;
    while (room(file, cut) - customer(p + "pad", 0).getBytes(UTF_8).length > 150) {
      file.append(customer(p + "f" + fillers++, 1));
    }
    int pad = room(file, cut) - customer(p + "pad", 0).getBytes(UTF_8).length;
    assertThat(pad).isBetween(1, 150);
    file.append(customer(p + "pad", pad)).append(cut).append(rest);
    for (int i = 0; i < 200; i++) {
      file.append(customer(p + "g" + i, 1));
    }
    assertThat(file.toString().getBytes(UTF_8).length).isGreaterThan(2 * chunk);

    String job = uploads.accepted("customers", "application/x-ndjson", file.toString());
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    JsonNode done = uploads.job(job);
    assertThat(lastByteOfFirstChunk(job)).isEqualTo((byte) 0xC3); // the first byte of "ë"
    assertThat(done.path("rowsImported").asInt()).isEqualTo(fillers + 2 + 200);
    assertThat(uploads.errors(job)).isEmpty();
    assertThat(
            jdbc.sql("SELECT first_name FROM customer WHERE id = ?")
                .param(p + "cut")
                .query(String.class)
                .single())
        .isEqualTo("Zoë");
  }

  @Test
  void anUploadPastTheCapIsRefusedWhileStreamingAndStoresNoJobAndNoChunk() {
    long max = properties.maxFileSize().toBytes();
    long jobsBefore = ledger.count("SELECT COUNT(*) FROM import_job");
    long chunksBefore = ledger.count("SELECT COUNT(*) FROM import_file_chunk");
    String row = "{\"id\":\"" + p + "x\"}\n";

    // chunked: no Content-Length to refuse it by, so the cap is found in the stream
    Uploads.Answer streamed =
        uploads.stream("kind=customers", "application/x-ndjson", repeated(row, max + 1));
    Uploads.Answer announced =
        uploads.post(
            Uploads.STOREFRONT,
            "customers",
            "application/x-ndjson",
            new String(repeatedBytes(row, max + 1), UTF_8),
            null);

    for (Uploads.Answer answer : new Uploads.Answer[] {streamed, announced}) {
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body().at("/error/code").asString()).isEqualTo("FILE_TOO_LARGE");
      assertThat(answer.body().at("/error/message").asString())
          .isEqualTo("The file is larger than " + max + " bytes; split it into several imports.");
    }
    assertThat(ledger.count("SELECT COUNT(*) FROM import_job")).isEqualTo(jobsBefore);
    assertThat(ledger.count("SELECT COUNT(*) FROM import_file_chunk")).isEqualTo(chunksBefore);
  }

  @Test
  void aFileWithBytesThatAreNotUtf8PastTheFirstChunkIsRefusedAndStoresNothing() {
    long chunksBefore = ledger.count("SELECT COUNT(*) FROM import_file_chunk");
    byte[] good = repeatedBytes("{\"id\":\"" + p + "x\"}\n", 3L * chunk);
    byte[] body = java.util.Arrays.copyOf(good, good.length + 1);
    body[good.length] = (byte) 0xFF;

    Uploads.Answer answer =
        uploads.stream("kind=customers", "application/x-ndjson", new ByteArrayInputStream(body));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().at("/error/code").asString()).isEqualTo("NOT_UTF8");
    assertThat(ledger.count("SELECT COUNT(*) FROM import_file_chunk")).isEqualTo(chunksBefore);
  }

  /**
   * Bytes left before the boundary of the first chunk falls inside the character after {@code cut}.
   */
  private int room(CharSequence file, String cut) {
    return chunk - 1 - file.toString().getBytes(UTF_8).length - cut.getBytes(UTF_8).length;
  }

  private static String order(String id, String customer, long unitPrice) {
    return id + "," + customer + ",2026-05-01T10:00:00Z,USD,l1,SKU-1,books,1," + unitPrice + ",\n";
  }

  /** An order of 3.00 whose category is {@code pad} characters long. */
  private String padRow(String customer, int pad) {
    return p
        + "pad,"
        + customer
        + ",2026-05-01T11:00:00Z,USD,l1,SKU-P,"
        + "x".repeat(pad)
        + ",1,300,\n";
  }

  /** A customer whose last name is {@code pad} characters long. */
  private static String customer(String id, int pad) {
    return "{\"id\":\"" + id + "\",\"lastName\":\"" + "x".repeat(pad) + "\"}\n";
  }

  private static InputStream repeated(String row, long atLeast) {
    return new ByteArrayInputStream(repeatedBytes(row, atLeast));
  }

  private static byte[] repeatedBytes(String row, long atLeast) {
    byte[] one = row.getBytes(UTF_8);
    int times = (int) ((atLeast + one.length - 1) / one.length);
    byte[] all = new byte[times * one.length];
    for (int i = 0; i < times; i++) {
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return all;
  }

  private long chunks(String job) {
    return ledger.count(
        "SELECT COUNT(*) FROM import_file_chunk WHERE job_id = ?", Long.parseLong(job));
  }

  private byte lastByteOfFirstChunk(String job) {
    byte[] first =
        jdbc.sql("SELECT content FROM import_file_chunk WHERE job_id = ? AND chunk_no = 0")
            .param(Long.parseLong(job))
            .query((rs, n) -> rs.getBytes(1))
            .single();
    assertThat(first).hasSize(chunk);
    return first[first.length - 1];
  }

  private String sku(String order, String line) {
    return jdbc.sql("SELECT sku FROM order_line WHERE order_id = ? AND line_id = ?")
        .params(order, line)
        .query(String.class)
        .single();
  }
}
