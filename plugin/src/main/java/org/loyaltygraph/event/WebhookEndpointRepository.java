package org.loyaltygraph.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class WebhookEndpointRepository {

  private static final String COLUMNS =
      "id, url, event_types, secret, created_by, created_at, disabled_at, paused_until";

  private final JdbcClient jdbc;

  WebhookEndpointRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String url, Set<EventType> types, String secret, String createdBy, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO webhook_endpoint (url, event_types, secret, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(url, typeList(types), secret, createdBy, Timestamp.from(now))
        .update(key);
    return key.getKey().longValue();
  }

  Optional<WebhookEndpoint> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = ?")
        .param(id)
        .query(WebhookEndpointRepository::map)
        .optional();
  }

  /**
   * Up to {@code limit} endpoints with an id below {@code beforeId} (all when null), newest first.
   */
  List<WebhookEndpoint> page(Long beforeId, int limit) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id < ? ORDER BY id DESC LIMIT ?")
        .params(beforeId == null ? Long.MAX_VALUE : beforeId, limit)
        .query(WebhookEndpointRepository::map)
        .list();
  }

  /** The event types at least one enabled endpoint receives. */
  Set<EventType> typesReceived() {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    jdbc.sql("SELECT DISTINCT event_types FROM webhook_endpoint WHERE disabled_at IS NULL")
        .query(String.class)
        .list()
        .forEach(list -> types.addAll(parseTypes(list)));
    return types;
  }

  /** Enabled endpoints that receive this type. */
  List<WebhookEndpoint> enabledFor(EventType type) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM webhook_endpoint WHERE disabled_at IS NULL"
                + " AND CONCAT(' ', event_types, ' ') LIKE ? ORDER BY id")
        .param("% " + type.wireName() + " %")
        .query(WebhookEndpointRepository::map)
        .list();
  }

  /** Ids of the enabled endpoints not paused at {@code now}, the ones the worker serves. */
  List<Long> deliverable(Instant now) {
    return jdbc.sql(
            "SELECT id FROM webhook_endpoint WHERE disabled_at IS NULL"
                + " AND (paused_until IS NULL OR paused_until <= ?) ORDER BY id")
        .param(Timestamp.from(now))
        .query(Long.class)
        .list();
  }

  /** Holds every delivery to the endpoint until {@code until} (or a later pause already set). */
  void pause(long id, Instant until) {
    jdbc.sql(
            "UPDATE webhook_endpoint SET paused_until = GREATEST(COALESCE(paused_until, ?), ?)"
                + " WHERE id = ?")
        .params(Timestamp.from(until), Timestamp.from(until), id)
        .update();
  }

  /** Disables the endpoint unless it is already; answers whether this call disabled it. */
  boolean disable(long id, Instant now) {
    return jdbc.sql(
                "UPDATE webhook_endpoint SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")
            .params(Timestamp.from(now), id)
            .update()
        == 1;
  }

  static String typeList(Set<EventType> types) {
    return types.stream().map(EventType::wireName).sorted().collect(Collectors.joining(" "));
  }

  static Set<EventType> parseTypes(String list) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    Arrays.stream(list.trim().split("\\s+"))
        .map(EventType::fromWireName)
        .flatMap(Optional::stream)
        .forEach(types::add);
    return types;
  }

  private static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
    Timestamp disabled = rs.getTimestamp("disabled_at");
    Timestamp paused = rs.getTimestamp("paused_until");
    return new WebhookEndpoint(
        rs.getLong("id"),
        rs.getString("url"),
        parseTypes(rs.getString("event_types")),
        rs.getString("secret"),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(),
        disabled == null ? null : disabled.toInstant(),
        paused == null ? null : paused.toInstant());
  }
}
