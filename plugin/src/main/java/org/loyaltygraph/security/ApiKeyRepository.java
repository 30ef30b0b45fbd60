package org.loyaltygraph.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.system.AggregateInsert;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** API keys, written whole: the id is a UUID the service assigns, so new ones are inserted. */
interface ApiKeyRepository extends ListCrudRepository<ApiKey, String>, AggregateInsert<ApiKey> {

  Optional<ApiKey> findByKeyHashAndRevokedAtIsNull(String keyHash);

  /** Every key, revoked ones too, newest first. */
  List<ApiKey> findAllByOrderByCreatedAtDescIdDesc();

  boolean existsByKeyHash(String keyHash);

  /** Revokes the key unless it is already, keeping the time of the first revocation. */
  @Modifying
  @Query("UPDATE api_key SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
  void revoke(String id, Instant at);
}
