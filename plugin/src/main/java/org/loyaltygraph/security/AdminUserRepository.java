package org.loyaltygraph.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AdminUserRepository {

  private final JdbcClient jdbc;

  AdminUserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<AdminUser> findByEmail(String email) {
    return jdbc.sql(
            "SELECT id, email, password_hash, role, created_at FROM admin_user WHERE email = ?")
        .param(email)
        .query(AdminUserRepository::map)
        .optional();
  }

  boolean any() {
    return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM admin_user LIMIT 1) t")
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(AdminUser admin) {
    jdbc.sql(
            "INSERT INTO admin_user (id, email, password_hash, role, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            admin.id(),
            admin.email(),
            admin.passwordHash(),
            admin.role().name(),
            Timestamp.from(admin.createdAt()))
        .update();
  }

  private static AdminUser map(ResultSet rs, int row) throws SQLException {
    return new AdminUser(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")),
        rs.getTimestamp("created_at").toInstant());
  }
}
