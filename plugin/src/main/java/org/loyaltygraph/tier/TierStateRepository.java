package org.loyaltygraph.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Each customer's standing; also the row that evaluations lock and the job leases. */
@Repository
class TierStateRepository {

  private static final String COLUMNS =
      "customer_id, tier_id, qualifying_amount, grace_ends_at, next_evaluation_at, rules_version,"
          + " evaluated_at, window_rolls_at, window_summed_at";

  // the window summed by this evaluation: window_summed_at = evaluated_at
  private static final String SAVE =
      "UPDATE tier_state SET tier_id = ?, qualifying_amount = ?, grace_ends_at = ?,"
          + " next_evaluation_at = ?, rules_version = ?, evaluated_at = ?, window_rolls_at = ?,"
          + " window_summed_at = ? WHERE customer_id = ?";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  TierStateRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  void delete(String customerId) {
    lockedHere().remove(customerId);
    jdbc.sql("DELETE FROM tier_state WHERE customer_id = ?").param(customerId).update();
  }

  /** Locks the customer's row, creating it first when missing (see {@link #lockOrCreateAll}). */
  TierState lockOrCreate(String customerId, Instant now) {
    return lockOrCreateAll(List.of(customerId), now).get(customerId);
  }

  Optional<TierState> find(String customerId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM tier_state WHERE customer_id = ?")
        .param(customerId)
        .query(TierStateRepository::map)
        .optional();
  }

  /**
   * {@link #lockOrCreate} for several customers: their rows locked in customer order (as every
   * single lock takes them, one at a time), missing ones created first.
   */
  Map<String, TierState> lockOrCreateAll(Collection<String> customerIds, Instant now) {
    Map<String, TierState> held = lockedHere();
    SortedSet<String> ids = new TreeSet<>(customerIds);
    ids.removeAll(held.keySet());
    if (!ids.isEmpty()) {
      Map<String, TierState> locked = lockAll(ids);
      if (locked.size() < ids.size()) {
        List<String> missing = ids.stream().filter(id -> !locked.containsKey(id)).toList();
        LocalDateTime at = SqlTimes.of(now);
        // no window summed yet: the first evaluation reads it
        jdbcTemplate.batchUpdate(
            "INSERT INTO tier_state ("
                + COLUMNS
                + ") VALUES (?, NULL, 0, NULL, NULL, 0, ?, NULL, NULL)"
                + " ON DUPLICATE KEY UPDATE customer_id = customer_id",
            missing.stream().map(id -> new Object[] {id, at}).toList());
        locked.putAll(lockAll(missing));
      }
    }
    Map<String, TierState> result = new HashMap<>();
    customerIds.forEach(id -> result.put(id, held.get(id)));
    return result;
  }

  /**
   * Locks the rows of these customers that exist, in customer order, and answers them. Until this
   * transaction writes a row, a later lock of it here ({@link #lockOrCreateAll}) answers it from
   * memory: nobody else can have changed it.
   */
  Map<String, TierState> lockAll(Collection<String> customerIds) {
    return lock(customerIds, "FOR UPDATE");
  }

  /**
   * {@link #lockAll} without waiting: rows another transaction holds are skipped, as are rows that
   * do not exist ({@link #existing} tells them apart).
   */
  Map<String, TierState> lockAllUnlessHeld(Collection<String> customerIds) {
    return lock(customerIds, "FOR UPDATE SKIP LOCKED");
  }

  /** Locks the rows {@code clause} takes, in customer order, and keeps them as locked here. */
  private Map<String, TierState> lock(Collection<String> customerIds, String clause) {
    Map<String, TierState> locked = new HashMap<>();
    if (customerIds.isEmpty()) {
      return locked;
    }
    jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tier_state WHERE customer_id IN (:ids) ORDER BY customer_id "
                + clause)
        .param("ids", new TreeSet<>(customerIds))
        .query(TierStateRepository::map)
        .list()
        .forEach(state -> locked.put(state.customerId(), state));
    lockedHere().putAll(locked);
    return locked;
  }

  /** The customers among these that have a row, locked or not. */
  Set<String> existing(Collection<String> customerIds) {
    return new HashSet<>(
        jdbc.sql("SELECT customer_id FROM tier_state WHERE customer_id IN (:ids)")
            .param("ids", customerIds)
            .query(String.class)
            .list());
  }

  /**
   * The rows this transaction has locked and not written since; empty (and kept nowhere) outside a
   * transaction.
   */
  @SuppressWarnings("unchecked")
  private Map<String, TierState> lockedHere() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new HashMap<>();
    }
    Map<String, TierState> held =
        (Map<String, TierState>) TransactionSynchronizationManager.getResource(this);
    if (held == null) {
      held = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, held);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(TierStateRepository.this);
            }
          });
    }
    return held;
  }

  /** {@link #save} of several states in one round trip. */
  void saveAll(List<TierState> saved) {
    saved.forEach(state -> lockedHere().remove(state.customerId()));
    jdbcTemplate.batchUpdate(SAVE, saved.stream().map(TierStateRepository::saveParams).toList());
  }

  Map<String, TierState> findAll(Collection<String> customerIds) {
    if (customerIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql("SELECT " + COLUMNS + " FROM tier_state WHERE customer_id IN (:ids)")
        .param("ids", customerIds)
        .query(TierStateRepository::map)
        .list()
        .stream()
        .collect(Collectors.toMap(TierState::customerId, Function.identity()));
  }

  /**
   * Leases customers whose window rolls or whose grace ends by {@code now}; rows other instances
   * hold are skipped, not waited for. A locking read, so the rows are as last committed.
   */
  List<TierState> leaseDue(Instant now, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tier_state WHERE next_evaluation_at <= ?"
                + " ORDER BY next_evaluation_at LIMIT ? FOR UPDATE SKIP LOCKED")
        .params(SqlTimes.of(now), limit)
        .query(TierStateRepository::map)
        .list();
  }

  /** Leases customers last evaluated under older program rules. */
  List<TierState> leaseStale(long rulesVersion, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM tier_state WHERE rules_version < ? LIMIT ? FOR UPDATE SKIP LOCKED")
        .params(rulesVersion, limit)
        .query(TierStateRepository::map)
        .list();
  }

  /** Locks every holder of a tier (the tier is about to go away). */
  List<TierState> lockHolders(String tierId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM tier_state WHERE tier_id = ? FOR UPDATE")
        .param(tierId)
        .query(TierStateRepository::map)
        .list();
  }

  void save(TierState state) {
    lockedHere().remove(state.customerId());
    jdbc.sql(SAVE).params(saveParams(state)).update();
  }

  private static Object[] saveParams(TierState state) {
    return new Object[] {
      state.tierId(),
      state.qualifyingAmount(),
      SqlTimes.of(state.graceEndsAt()),
      SqlTimes.of(state.nextEvaluationAt()),
      state.rulesVersion(),
      SqlTimes.of(state.evaluatedAt()),
      SqlTimes.of(state.windowRollsAt()),
      SqlTimes.of(state.evaluatedAt()),
      state.customerId()
    };
  }

  private static TierState map(ResultSet rs, int row) throws SQLException {
    Instant evaluatedAt = SqlTimes.instant(rs, "evaluated_at");
    Instant summedAt = SqlTimes.instant(rs, "window_summed_at");
    return new TierState(
        rs.getString("customer_id"),
        rs.getString("tier_id"),
        rs.getLong("qualifying_amount"),
        SqlTimes.instant(rs, "grace_ends_at"),
        SqlTimes.instant(rs, "next_evaluation_at"),
        rs.getLong("rules_version"),
        evaluatedAt,
        SqlTimes.instant(rs, "window_rolls_at"),
        summedAt != null && summedAt.equals(evaluatedAt));
  }
}
