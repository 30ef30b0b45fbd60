package org.loyaltygraph.security;

import java.time.Instant;

/** A stored API key: only its SHA-256 is kept; the key itself is shown once, at creation. */
record ApiKey(
    String id,
    String name,
    String keyHash,
    Role role,
    String scopes,
    Instant createdAt,
    Instant revokedAt) {}
