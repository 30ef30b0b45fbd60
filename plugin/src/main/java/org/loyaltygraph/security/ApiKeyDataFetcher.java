package org.loyaltygraph.security;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.time.ZoneOffset;
import java.util.List;
import org.loyaltygraph.schema.types.ApiKeyCreateInput;
import org.loyaltygraph.schema.types.ApiKeyCreatePayload;
import org.loyaltygraph.schema.types.ApiKeyRevokeInput;
import org.loyaltygraph.schema.types.ApiKeyRevokePayload;
import org.loyaltygraph.schema.types.ApiKeyRole;

/** {@code apiKeys}, {@code apiKeyCreate}, {@code apiKeyRevoke}. Never answers a key's hash. */
@DgsComponent
class ApiKeyDataFetcher {

  private final ApiKeyService keys;

  ApiKeyDataFetcher(ApiKeyService keys) {
    this.keys = keys;
  }

  @DgsQuery
  List<org.loyaltygraph.schema.types.ApiKey> apiKeys() {
    return keys.list().stream().map(ApiKeyDataFetcher::toGraphQL).toList();
  }

  @DgsMutation
  ApiKeyCreatePayload apiKeyCreate(@InputArgument ApiKeyCreateInput input) {
    Role role = input.getRole() == null ? null : Role.valueOf(input.getRole().name());
    var result = keys.create(input.getName(), role, input.getScopes());
    return ApiKeyCreatePayload.newBuilder()
        .key(result.key())
        .apiKey(result.apiKey() == null ? null : toGraphQL(result.apiKey()))
        .userErrors(SecurityErrors.toGraphQL(result.userErrors()))
        .build();
  }

  @DgsMutation
  ApiKeyRevokePayload apiKeyRevoke(@InputArgument ApiKeyRevokeInput input) {
    var result = keys.revoke(input.getId());
    return ApiKeyRevokePayload.newBuilder()
        .apiKey(result.apiKey() == null ? null : toGraphQL(result.apiKey()))
        .userErrors(SecurityErrors.toGraphQL(result.userErrors()))
        .build();
  }

  private static org.loyaltygraph.schema.types.ApiKey toGraphQL(ApiKey key) {
    return org.loyaltygraph.schema.types.ApiKey.newBuilder()
        .id(key.id())
        .name(key.name())
        .role(ApiKeyRole.valueOf(key.role().name()))
        .scopes(ApiKeyService.scopeList(key))
        .createdAt(key.createdAt().atOffset(ZoneOffset.UTC))
        .revokedAt(key.revokedAt() == null ? null : key.revokedAt().atOffset(ZoneOffset.UTC))
        .build();
  }
}
