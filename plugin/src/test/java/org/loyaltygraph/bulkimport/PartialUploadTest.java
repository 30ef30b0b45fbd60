package org.loyaltygraph.bulkimport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upload commits its file chunk by chunk, each in a short transaction, and holds no database
 * connection while its client sends the rest; its job is queued only once the last chunk is in. An
 * upload that ends early leaves no job and no chunk: at once when the server sees it end, and
 * through the sweep of abandoned uploads when nothing does.
 */
@LoyaltyGraphTest
class PartialUploadTest extends ImportTestFixture {

  private static final String NDJSON = "application/x-ndjson";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired ImportService imports;
  @Autowired UploadsInProgress inProgress;
  @Autowired DataSource dataSource;

  int chunk;

  /** Where the tests' clients stop sending for a while: two whole chunks in. */
  int pauseAt;

  long lastJobBefore;

  @BeforeEach
  void setUp() {
    chunk = (int) properties.chunkSize().toBytes();
    pauseAt = 2 * chunk + 10;
    lastJobBefore = ledger.count("SELECT COALESCE(MAX(id), 0) FROM import_job");
  }

  @Test
  void slowUploadsHoldNoConnectionWhileTheirClientsSendSoMoreOfThemThanThePoolStillWork()
      throws SQLException {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    int clients = pool.getMaximumPoolSize() + 1;
    List<byte[]> files = new ArrayList<>();
    List<SlowUpload> open = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        files.add(customers(p + "u" + i + "-"));
        open.add(paused(files.get(i), null));
      }

      // every upload has committed two chunks and waits for its client: none holds a connection
      await().atMost(PATIENCE).until(() -> uploadsWithChunks(2) == clients);
      await().atMost(PATIENCE).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
      String customer = shop.newCustomer();
      assertThat(shop.points(customer).path("available").asLong()).isZero();

      for (int i = 0; i < clients; i++) {
        Uploads.Answer answer = open.get(i).finish(files.get(i), pauseAt);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().path("status").asString()).isEqualTo("QUEUED");
        imports.cancel(answer.jobId()); // leave no queued work to the other tests
      }
    } finally {
      open.forEach(SlowUpload::close);
    }
  }

  @Test
  void aJobIsQueuedOnlyOnceTheLastChunkOfItsFileIsStored() {
    byte[] file = customers(p);
    Uploads.Answer answer;
    long job;
    try (SlowUpload upload = paused(file, null)) {
      job = awaitUploadWithChunks(2);

      assertThat(uploads.get(Uploads.STOREFRONT, Long.toString(job)).status()).isEqualTo(404);
      assertThat(worker.run(job, "worker-a", Integer.MAX_VALUE)).isFalse();

      answer = upload.finish(file, pauseAt);
    }

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.jobId()).isEqualTo(Long.toString(job));
    assertThat(chunks(job)).isEqualTo((file.length + chunk - 1) / chunk);
    worker.run(job, "worker-a", Integer.MAX_VALUE);
    assertThat(uploads.job(answer.jobId()).path("status").asString()).isEqualTo("DONE");
    assertThat(uploads.job(answer.jobId()).path("rowsImported").asInt()).isEqualTo(records(file));
  }

  @Test
  void anUploadCutOffHalfwayLeavesNoJobAndNoChunkAndItsRetryWithTheSameKeyIsAccepted() {
    byte[] file = customers(p);
    String key = "retry-" + p;
    long job;
    try (SlowUpload upload = paused(file, key)) {
      job = awaitUploadWithChunks(2);
    } // the client goes away with a third of the file unsent

    await().atMost(PATIENCE).until(() -> jobRows(job) == 0 && chunks(job) == 0);

    Uploads.Answer retry = uploads.post(Uploads.STOREFRONT, "customers", NDJSON, text(file), key);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.response().headers().firstValue("Idempotent-Replayed")).hasValue("false");
    worker.run(Long.parseLong(retry.jobId()), "worker-a", Integer.MAX_VALUE);
    assertThat(uploads.job(retry.jobId()).path("rowsImported").asInt()).isEqualTo(records(file));
    Uploads.Answer again = uploads.post(Uploads.STOREFRONT, "customers", NDJSON, text(file), key);
    assertThat(again.jobId()).isEqualTo(retry.jobId());
    assertThat(again.response().headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void anUploadIdleForLongerThanTheTimeoutIsSweptWithItsChunksAndRefused() {
    byte[] file = customers(p);
    Uploads.Answer answer;
    long job;
    try (SlowUpload upload = paused(file, null)) {
      job = awaitUploadWithChunks(2);

      inProgress.sweepAbandoned();
      assertThat(chunks(job)).isEqualTo(2);
      // as when the instance receiving it died: nothing stored for longer than the timeout
      clock.advance(properties.uploadIdleTimeout().plusSeconds(1));
      assertThat(inProgress.sweepAbandoned()).isPositive();
      assertThat(jobRows(job)).isZero();
      assertThat(chunks(job)).isZero();

      answer = upload.finish(file, pauseAt);
    }

    assertThat(answer.status()).isEqualTo(408);
    assertThat(answer.body().at("/error/code").asString()).isEqualTo("UPLOAD_TIMED_OUT");
    assertThat(ledger.count("SELECT COUNT(*) FROM import_job WHERE id > ?", lastJobBefore))
        .isZero();
    assertThat(chunks(job)).isZero();
  }

  /** An upload of a customers file whose client sends {@link #pauseAt} bytes, then waits. */
  private SlowUpload paused(byte[] file, String key) {
    SlowUpload upload = uploads.slow("kind=customers", NDJSON, key, file.length);
    upload.send(file, 0, pauseAt);
    return upload;
  }

  /** An NDJSON file of customers a little over two chunks long. */
  private byte[] customers(String prefix) {
    StringBuilder file = new StringBuilder();
    for (int i = 0; file.length() < 2 * chunk + chunk / 2; i++) {
      file.append("{\"id\":\"").append(prefix).append("c").append(i).append("\"}\n");
    }
    return file.toString().getBytes(UTF_8);
  }

  private static int records(byte[] file) {
    return (int) text(file).lines().count();
  }

  private static String text(byte[] file) {
    return new String(file, UTF_8);
  }

  /** Uploads begun by this test that have committed at least {@code n} chunks. */
  private long uploadsWithChunks(int n) {
    return ledger.count(
        "SELECT COUNT(*) FROM import_job j WHERE j.id > ? AND j.status = 'UPLOADING'"
            + " AND (SELECT COUNT(*) FROM import_file_chunk c WHERE c.job_id = j.id) >= ?",
        lastJobBefore,
        n);
  }

  /** The one upload of this test, once it has committed {@code n} chunks. */
  private long awaitUploadWithChunks(int n) {
    await().atMost(PATIENCE).until(() -> uploadsWithChunks(n) == 1);
    return ledger.count(
        "SELECT id FROM import_job WHERE id > ? AND status = 'UPLOADING'", lastJobBefore);
  }

  private long jobRows(long job) {
    return ledger.count("SELECT COUNT(*) FROM import_job WHERE id = ?", job);
  }

  private long chunks(long job) {
    return ledger.count("SELECT COUNT(*) FROM import_file_chunk WHERE job_id = ?", job);
  }
}
