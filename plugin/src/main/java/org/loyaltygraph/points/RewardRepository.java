package org.loyaltygraph.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RewardRepository {

  private static final String COLUMNS =
      "id, name, description, cost_points, type, amount_off, currency, percent_off, active,"
          + " max_points_per_order, max_share_percent";

  private final JdbcClient jdbc;

  RewardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Reward> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM reward ORDER BY cost_points, id")
        .query(RewardRepository::map)
        .list();
  }

  Optional<Reward> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM reward WHERE id = ?")
        .param(id)
        .query(RewardRepository::map)
        .optional();
  }

  List<Reward> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM reward WHERE id IN (:ids)")
        .param("ids", ids)
        .query(RewardRepository::map)
        .list();
  }

  /** False when the id is taken. */
  boolean insert(Reward r, Instant now) {
    return jdbc.sql(
                "INSERT IGNORE INTO reward ("
                    + COLUMNS
                    + ", created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(
                r.id(),
                r.name(),
                r.description(),
                r.costPoints(),
                r.type().name(),
                r.amountOff(),
                r.currency(),
                r.percentOff(),
                r.active(),
                r.maxPointsPerOrder(),
                r.maxSharePercent(),
                Timestamp.from(now),
                Timestamp.from(now))
            .update()
        == 1;
  }

  void update(Reward r, Instant now) {
    jdbc.sql(
            "UPDATE reward SET name = ?, description = ?, cost_points = ?, active = ?,"
                + " updated_at = ? WHERE id = ?")
        .params(r.name(), r.description(), r.costPoints(), r.active(), Timestamp.from(now), r.id())
        .update();
  }

  private static Reward map(ResultSet rs, int row) throws SQLException {
    return new Reward(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getLong("cost_points"),
        Reward.Type.valueOf(rs.getString("type")),
        (Long) rs.getObject("amount_off", Long.class),
        rs.getString("currency"),
        (Integer) rs.getObject("percent_off", Integer.class),
        rs.getBoolean("active"),
        (Long) rs.getObject("max_points_per_order", Long.class),
        (Integer) rs.getObject("max_share_percent", Integer.class));
  }
}
