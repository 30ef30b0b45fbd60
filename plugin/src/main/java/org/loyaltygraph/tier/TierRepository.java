package org.loyaltygraph.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tiers and the one row of program settings. */
@Repository
class TierRepository {

  private static final String TIER_COLUMNS =
      "id, name, threshold, points_multiplier, free_shipping, perks";
  private static final String PROGRAM_COLUMNS =
      "basis, window_kind, window_months, grace_days, time_zone, rules_version";

  private final JdbcClient jdbc;

  TierRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The whole configuration as committed, read in one go. */
  TierConfiguration load() {
    ProgramRow program =
        jdbc.sql("SELECT " + PROGRAM_COLUMNS + " FROM tier_program WHERE id = 1")
            .query(TierRepository::mapProgram)
            .optional()
            .orElse(new ProgramRow(TierProgram.DEFAULT, 0));
    return new TierConfiguration(tiers(), program.program(), program.rulesVersion());
  }

  /**
   * Locks the program row: every configuration write takes this lock first, so checks such as
   * "threshold not taken" and the version bump see no concurrent writer.
   */
  ProgramRow lockProgram() {
    return jdbc.sql("SELECT " + PROGRAM_COLUMNS + " FROM tier_program WHERE id = 1 FOR UPDATE")
        .query(TierRepository::mapProgram)
        .single();
  }

  void saveProgram(TierProgram program, long rulesVersion, Instant now) {
    jdbc.sql(
            "UPDATE tier_program SET basis = ?, window_kind = ?, window_months = ?, grace_days = ?,"
                + " time_zone = ?, rules_version = ?, updated_at = ? WHERE id = 1")
        .params(
            program.basis().name(),
            program.window().name(),
            program.windowMonths(),
            program.downgradeGraceDays(),
            program.timeZone().getId(),
            rulesVersion,
            Timestamp.from(now))
        .update();
  }

  List<Tier> tiers() {
    return jdbc.sql("SELECT " + TIER_COLUMNS + " FROM tier ORDER BY threshold")
        .query(TierRepository::mapTier)
        .list();
  }

  Optional<Tier> findTier(String id) {
    return jdbc.sql("SELECT " + TIER_COLUMNS + " FROM tier WHERE id = ?")
        .param(id)
        .query(TierRepository::mapTier)
        .optional();
  }

  boolean thresholdTaken(long threshold, String exceptTierId) {
    return jdbc.sql("SELECT COUNT(*) FROM tier WHERE threshold = ? AND id <> ?")
            .params(threshold, exceptTierId == null ? "" : exceptTierId)
            .query(Long.class)
            .single()
        > 0;
  }

  void insertTier(Tier tier, Instant now) {
    jdbc.sql(
            "INSERT INTO tier ("
                + TIER_COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            tier.id(),
            tier.name(),
            tier.threshold(),
            tier.pointsMultiplier(),
            tier.freeShipping(),
            TierJson.perks(tier.perks()),
            Timestamp.from(now),
            Timestamp.from(now))
        .update();
  }

  void updateTier(Tier tier, Instant now) {
    jdbc.sql(
            "UPDATE tier SET name = ?, threshold = ?, points_multiplier = ?, free_shipping = ?,"
                + " perks = ?, updated_at = ? WHERE id = ?")
        .params(
            tier.name(),
            tier.threshold(),
            tier.pointsMultiplier(),
            tier.freeShipping(),
            TierJson.perks(tier.perks()),
            Timestamp.from(now),
            tier.id())
        .update();
  }

  void deleteTier(String id) {
    jdbc.sql("DELETE FROM tier WHERE id = ?").param(id).update();
  }

  private static Tier mapTier(ResultSet rs, int row) throws SQLException {
    return new Tier(
        rs.getString("id"),
        rs.getString("name"),
        rs.getLong("threshold"),
        rs.getBigDecimal("points_multiplier"),
        rs.getBoolean("free_shipping"),
        TierJson.perks(rs.getString("perks")));
  }

  private static ProgramRow mapProgram(ResultSet rs, int row) throws SQLException {
    return new ProgramRow(
        new TierProgram(
            TierProgram.Basis.valueOf(rs.getString("basis")),
            TierProgram.Window.valueOf(rs.getString("window_kind")),
            rs.getInt("window_months"),
            rs.getInt("grace_days"),
            ZoneId.of(rs.getString("time_zone"))),
        rs.getLong("rules_version"));
  }

  record ProgramRow(TierProgram program, long rulesVersion) {}
}
