package org.loyaltygraph.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ApiKey> findActiveByHash(String keyHash) {
    return jdbc.sql(
            "SELECT id, name, key_hash, role, scopes, created_at, revoked_at FROM api_key"
                + " WHERE key_hash = ? AND revoked_at IS NULL")
        .param(keyHash)
        .query(ApiKeyRepository::map)
        .optional();
  }

  Optional<ApiKey> findById(String id) {
    return jdbc.sql(
            "SELECT id, name, key_hash, role, scopes, created_at, revoked_at FROM api_key"
                + " WHERE id = ?")
        .param(id)
        .query(ApiKeyRepository::map)
        .optional();
  }

  /** Every key, revoked ones too, newest first. */
  List<ApiKey> findAllNewestFirst() {
    return jdbc.sql(
            "SELECT id, name, key_hash, role, scopes, created_at, revoked_at FROM api_key"
                + " ORDER BY created_at DESC, id DESC")
        .query(ApiKeyRepository::map)
        .list();
  }

  boolean existsByHash(String keyHash) {
    return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE key_hash = ?")
            .param(keyHash)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(ApiKey key) {
    jdbc.sql(
            "INSERT INTO api_key (id, name, key_hash, role, scopes, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            key.id(),
            key.name(),
            key.keyHash(),
            key.role().name(),
            key.scopes(),
            Timestamp.from(key.createdAt()))
        .update();
  }

  void revoke(String id, Instant at) {
    jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(at), id)
        .update();
  }

  private static ApiKey map(ResultSet rs, int row) throws SQLException {
    Timestamp revokedAt = rs.getTimestamp("revoked_at");
    return new ApiKey(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("key_hash"),
        Role.valueOf(rs.getString("role")),
        rs.getString("scopes"),
        rs.getTimestamp("created_at").toInstant(),
        revokedAt == null ? null : revokedAt.toInstant());
  }
}
