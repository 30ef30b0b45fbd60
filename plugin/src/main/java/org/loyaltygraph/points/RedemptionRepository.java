package org.loyaltygraph.points;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RedemptionRepository {

  /** A stored redemption: the reward bought and the code it answered. */
  record Redemption(String id, String rewardId, String code) {}

  private final JdbcClient jdbc;

  RedemptionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Redemption> findByKey(String customerId, String idempotencyKey) {
    return jdbc.sql(
            "SELECT id, reward_id, code FROM redemption WHERE customer_id = ? AND idempotency_key = ?")
        .params(customerId, idempotencyKey)
        .query((rs, n) -> new Redemption(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  long costOfCode(String code) {
    return jdbc.sql("SELECT cost_points FROM redemption WHERE code = ?")
        .param(code)
        .query(Long.class)
        .single();
  }

  void insert(
      String id,
      String customerId,
      String idempotencyKey,
      String rewardId,
      long cost,
      String code,
      Instant now) {
    jdbc.sql(
            "INSERT INTO redemption (id, customer_id, idempotency_key, reward_id, cost_points, code,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(id, customerId, idempotencyKey, rewardId, cost, code, Timestamp.from(now))
        .update();
  }
}
