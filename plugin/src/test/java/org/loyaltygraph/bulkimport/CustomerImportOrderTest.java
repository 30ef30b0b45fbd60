package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import tools.jackson.databind.JsonNode;

/**
 * An imported customer goes through {@code customerUpsert}'s rule: a record older than the stored
 * customer by its {@code updatedAt} writes nothing and counts as skipped.
 */
@LoyaltyGraphTest
class CustomerImportOrderTest extends ImportTestFixture {

  private static final String UPSERT =
      "mutation($in: CustomerUpsertInput!) { customerUpsert(input: $in) { stale"
          + " userErrors { code } } }";

  @AfterEach
  void wholeSecondsForTheNextTests() {
    clock.set(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private Map<String, Object> storedRow(String id) {
    return jdbc.sql("SELECT email, updated_at, storefront_updated_at FROM customer WHERE id = ?")
        .param(id)
        .query()
        .singleRow();
  }

  @Test
  void aRecordOlderThanTheStoredCustomerIsSkippedAndANewerOneImported() {
    String kept = p + "kept";
    String moved = p + "moved";
    for (String id : new String[] {kept, moved}) {
      JsonNode sent =
          graphql
              .storefront(
                  UPSERT,
                  Map.of(
                      "in",
                      Map.of(
                          "id",
                          id,
                          "email",
                          id + "@example.com",
                          "updatedAt",
                          "2026-03-01T12:00:00Z")))
              .assertNoErrors()
              .data()
              .path("customerUpsert");
      assertThat(sent.path("userErrors").isEmpty()).isTrue();
    }
    Map<String, Object> keptBefore = storedRow(kept);
    String csv =
        "id,email,updated_at\n"
            + kept
            + ",older@example.com,2026-02-28T23:59:59Z\n"
            + moved
            + ",newer@example.com,2026-03-01T12:00:01Z\n"
            + p
            + "new,new@example.com,2026-03-01T12:00:00Z\n";

    String job = uploads.accepted("customers", "text/csv", csv);
    // a clock with a fraction of a second, which MariaDB 10.x stores cut to the second: a new
    // customer still counts as imported
    clock.advance(Duration.ofMillis(250));
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    JsonNode done = uploads.job(job);
    assertThat(done.path("rowsImported").asInt()).isEqualTo(2);
    assertThat(done.path("rowsSkipped").asInt()).isEqualTo(1);
    assertThat(done.path("rowsFailed").asInt()).isZero();
    assertThat(storedRow(kept)).isEqualTo(keptBefore);
    assertThat(storedRow(moved).get("email")).isEqualTo("newer@example.com");
    assertThat(storedRow(moved).get("storefront_updated_at").toString())
        .isEqualTo("2026-03-01T12:00:01");
  }
}
