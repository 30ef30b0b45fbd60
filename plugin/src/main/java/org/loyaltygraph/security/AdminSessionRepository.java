package org.loyaltygraph.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Admin sessions (by token hash) and the login attempts that lock guessing out. */
@Repository
class AdminSessionRepository {

  private final JdbcClient jdbc;

  AdminSessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertSession(String tokenHash, String adminId, Instant createdAt, Instant expiresAt) {
    jdbc.sql(
            "INSERT INTO admin_session (token_hash, admin_id, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(tokenHash, adminId, Timestamp.from(createdAt), Timestamp.from(expiresAt))
        .update();
  }

  Optional<AdminSession> findSession(String tokenHash) {
    return jdbc.sql(
            "SELECT u.email, u.role, s.expires_at FROM admin_session s"
                + " JOIN admin_user u ON u.id = s.admin_id WHERE s.token_hash = ?")
        .param(tokenHash)
        .query(
            (rs, n) ->
                new AdminSession(
                    rs.getString("email"),
                    Role.valueOf(rs.getString("role")),
                    rs.getTimestamp("expires_at").toInstant()))
        .optional();
  }

  long recordAttempt(String email, Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO admin_login_attempt (email, attempted_at) VALUES (?, ?)")
        .params(email, Timestamp.from(at))
        .update(key);
    return key.getKey().longValue();
  }

  long countAttemptsSince(String email, Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM admin_login_attempt WHERE email = ? AND attempted_at > ?")
        .params(email, Timestamp.from(since))
        .query(Long.class)
        .single();
  }

  void deleteAttempt(long id) {
    jdbc.sql("DELETE FROM admin_login_attempt WHERE id = ?").param(id).update();
  }

  void clearAttempts(String email) {
    jdbc.sql("DELETE FROM admin_login_attempt WHERE email = ?").param(email).update();
  }

  void purge(Instant sessionsExpiredBefore, Instant attemptsBefore) {
    jdbc.sql("DELETE FROM admin_session WHERE expires_at < ?")
        .param(Timestamp.from(sessionsExpiredBefore))
        .update();
    jdbc.sql("DELETE FROM admin_login_attempt WHERE attempted_at < ?")
        .param(Timestamp.from(attemptsBefore))
        .update();
  }

  /** What a session token stands for. */
  record AdminSession(String email, Role role, Instant expiresAt) {}
}
