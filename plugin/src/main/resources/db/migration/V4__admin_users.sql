-- Admin users of the admin UI. The e-mail is stored lower-cased; the password as a BCrypt hash.
CREATE TABLE admin_user (
  id             CHAR(36)     NOT NULL,
  email          VARCHAR(320) NOT NULL,
  password_hash  VARCHAR(100) NOT NULL,
  role           VARCHAR(16)  NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY admin_user_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Admin sessions, stored as SHA-256 of the token; the token itself is shown once, at login.
CREATE TABLE admin_session (
  token_hash  CHAR(64)    NOT NULL,
  admin_id    CHAR(36)    NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (token_hash),
  KEY admin_session_admin (admin_id),
  KEY admin_session_expires (expires_at),
  CONSTRAINT admin_session_admin_fk FOREIGN KEY (admin_id) REFERENCES admin_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Failed logins per e-mail (known or not), counted over a window to lock guessing out on every
-- instance. A row is written before the password is checked and removed on success, so that
-- concurrent guesses are counted too.
CREATE TABLE admin_login_attempt (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  email         VARCHAR(320) NOT NULL,
  attempted_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY admin_login_attempt_email (email, attempted_at),
  KEY admin_login_attempt_time (attempted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
