package org.loyaltygraph.security;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A stored API key: only its SHA-256 is kept; the key itself is shown once, at creation. */
@Table("api_key")
record ApiKey(
    @Id String id,
    String name,
    String keyHash,
    Role role,
    String scopes,
    Instant createdAt,
    Instant revokedAt) {}
