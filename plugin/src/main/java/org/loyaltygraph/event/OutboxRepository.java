package org.loyaltygraph.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox table: written by the features' transactions, fanned out by the worker. */
@Repository
class OutboxRepository {

  private static final String COLUMNS = "id, type, customer_id, occurred_at, payload";

  private static final String INSERT =
      "INSERT INTO outbox_event (id, type, customer_id, occurred_at, payload, dedup_key)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  OutboxRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /**
   * One INSERT.
   *
   * @throws org.springframework.dao.DuplicateKeyException when an event has this dedup key
   */
  void insert(OutboxEvent event, String dedupKey) {
    jdbc.sql(INSERT)
        .params(
            event.id(),
            event.type().wireName(),
            event.customerId(),
            SqlTimes.of(event.occurredAt()),
            event.payload(),
            dedupKey)
        .update();
  }

  /**
   * {@link #insert} of several events in one statement, each with the dedup key at its index.
   *
   * @throws org.springframework.dao.DuplicateKeyException when an event has its dedup key
   */
  void insertAll(List<OutboxEvent> events, List<String> dedupKeys) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      OutboxEvent event = events.get(i);
      rows.add(
          new Object[] {
            event.id(),
            event.type().wireName(),
            event.customerId(),
            SqlTimes.of(event.occurredAt()),
            event.payload(),
            dedupKeys.get(i)
          });
    }
    jdbcTemplate.batchUpdate(INSERT, rows);
  }

  Optional<OutboxEvent> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_event WHERE id = ?")
        .param(id)
        .query(OutboxRepository::map)
        .optional();
  }

  /**
   * Leases up to {@code limit} events not yet fanned out, oldest first; rows another instance holds
   * are skipped. Answers their {@code seq}s; call inside the transaction that dispatches them.
   */
  List<Long> lockUndispatched(int limit) {
    return jdbc.sql(
            "SELECT seq FROM outbox_event WHERE dispatched_at IS NULL ORDER BY seq LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")
        .param(limit)
        .query(Long.class)
        .list();
  }

  void markDispatched(List<Long> seqs, Instant now) {
    jdbc.sql("UPDATE outbox_event SET dispatched_at = :now WHERE seq IN (:seqs)")
        .param("now", SqlTimes.of(now))
        .param("seqs", seqs)
        .update();
  }

  static OutboxEvent map(ResultSet rs, int row) throws SQLException {
    return new OutboxEvent(
        rs.getString("id"),
        EventType.fromWireName(rs.getString("type")).orElseThrow(),
        rs.getString("customer_id"),
        SqlTimes.instant(rs, "occurred_at"),
        rs.getString("payload"));
  }
}
