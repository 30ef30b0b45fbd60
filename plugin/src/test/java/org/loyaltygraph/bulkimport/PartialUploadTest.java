package org.loyaltygraph.bulkimport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An upload commits its file chunk by chunk, each in a short transaction, and holds no database
 * connection while its client sends the rest; its job is queued only once the last chunk is in. An
 * upload that ends early leaves no job and no chunk: at once when the server sees it end, and
 * through the sweep of abandoned uploads when nothing does.
 */
@LoyaltyGraphTest
class PartialUploadTest {

  private static final String NDJSON = "application/x-ndjson";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired ImportWorker worker;
  @Autowired ImportService imports;
  @Autowired UploadsInProgress inProgress;
  @Autowired ImportProperties properties;
  @Autowired JdbcClient jdbc;
  @Autowired Environment env;
  @Autowired DataSource dataSource;

  Storefront shop;
  Uploads uploads;
  Ledger ledger;
  String p;
  int chunk;
  int port;
  long lastJobBefore;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-07-15T00:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    uploads = new Uploads("http://127.0.0.1:" + env.getProperty("local.server.port"), graphql);
    ledger = new Ledger(jdbc);
    p = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    chunk = (int) properties.chunkSize().toBytes();
    port = Integer.parseInt(env.getProperty("local.server.port"));
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
        byte[] file = customers(p + "u" + i + "-");
        files.add(file);
        open.add(new SlowUpload(port, "kind=customers", NDJSON, null, file.length));
        open.get(i).send(file, 0, 2 * chunk + 10);
      }

      // every upload has committed two chunks and waits for its client: none holds a connection
      await().atMost(PATIENCE).until(() -> uploadsWithChunks(2) == clients);
      await().atMost(PATIENCE).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
      String customer = shop.newCustomer();
      assertThat(shop.points(customer).path("available").asLong()).isZero();

      for (int i = 0; i < clients; i++) {
        open.get(i).send(files.get(i), 2 * chunk + 10, files.get(i).length);
        Uploads.Answer answer = open.get(i).answer();
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
    try (SlowUpload upload = new SlowUpload(port, "kind=customers", NDJSON, null, file.length)) {
      upload.send(file, 0, 2 * chunk + 10);
      job = awaitUploadWithChunks(2);

      assertThat(uploads.get(Uploads.STOREFRONT, Long.toString(job)).status()).isEqualTo(404);
      assertThat(worker.run(job, "worker-a", Integer.MAX_VALUE)).isFalse();

      upload.send(file, 2 * chunk + 10, file.length);
      answer = upload.answer();
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
    try (SlowUpload upload = new SlowUpload(port, "kind=customers", NDJSON, key, file.length)) {
      upload.send(file, 0, 2 * chunk + 10);
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
    try (SlowUpload upload = new SlowUpload(port, "kind=customers", NDJSON, null, file.length)) {
      upload.send(file, 0, 2 * chunk + 10);
      job = awaitUploadWithChunks(2);

      inProgress.sweepAbandoned();
      assertThat(chunks(job)).isEqualTo(2);
      // as when the instance receiving it died: nothing stored for longer than the timeout
      clock.advance(properties.uploadIdleTimeout().plusSeconds(1));
      assertThat(inProgress.sweepAbandoned()).isPositive();
      assertThat(jobRows(job)).isZero();
      assertThat(chunks(job)).isZero();

      upload.send(file, 2 * chunk + 10, file.length);
      answer = upload.answer();
    }

    assertThat(answer.status()).isEqualTo(408);
    assertThat(answer.body().at("/error/code").asString()).isEqualTo("UPLOAD_TIMED_OUT");
    assertThat(ledger.count("SELECT COUNT(*) FROM import_job WHERE id > ?", lastJobBefore))
        .isZero();
    assertThat(chunks(job)).isZero();
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
