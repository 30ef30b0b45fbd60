package org.loyaltygraph.points;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OpeningBalanceRepository {

  private final JdbcClient jdbc;

  OpeningBalanceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> contentHash(String customerId) {
    return jdbc.sql("SELECT content_hash FROM opening_balance WHERE customer_id = ?")
        .param(customerId)
        .query(String.class)
        .optional();
  }

  void insert(String customerId, String hash, long points, long qualifyingAmount, Instant at) {
    jdbc.sql(
            "INSERT INTO opening_balance (customer_id, content_hash, points, qualifying_amount,"
                + " imported_at) VALUES (?, ?, ?, ?, ?)")
        .params(customerId, hash, points, qualifyingAmount, Timestamp.from(at))
        .update();
  }
}
