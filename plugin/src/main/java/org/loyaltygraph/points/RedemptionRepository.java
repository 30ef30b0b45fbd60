package org.loyaltygraph.points;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RedemptionRepository {

  /**
   * A stored redemption: the reward bought, the code it answered and the balance it left (null for
   * redemptions stored before that was kept).
   */
  record Redemption(String id, String rewardId, String code, Long availableAfter) {}

  private final JdbcClient jdbc;

  RedemptionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Redemption> findByKey(String customerId, String idempotencyKey) {
    return jdbc.sql(
            "SELECT id, reward_id, code, available_after FROM redemption"
                + " WHERE customer_id = ? AND idempotency_key = ?")
        .params(customerId, idempotencyKey)
        .query(
            (rs, n) ->
                new Redemption(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class)))
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
      long availableAfter,
      Instant now) {
    jdbc.sql(
            "INSERT INTO redemption (id, customer_id, idempotency_key, reward_id, cost_points, code,"
                + " available_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            customerId,
            idempotencyKey,
            rewardId,
            cost,
            code,
            availableAfter,
            Timestamp.from(now))
        .update();
  }
}
