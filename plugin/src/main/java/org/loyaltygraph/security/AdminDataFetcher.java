package org.loyaltygraph.security;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.time.ZoneOffset;
import org.loyaltygraph.schema.types.AdminLoginInput;
import org.loyaltygraph.schema.types.AdminLoginPayload;
import org.loyaltygraph.schema.types.AdminRole;
import org.loyaltygraph.schema.types.AdminUserCreateInput;
import org.loyaltygraph.schema.types.AdminUserPayload;
import org.loyaltygraph.schema.types.Viewer;

/** {@code viewer}, {@code adminLogin} and {@code adminUserCreate}. Access is by AccessPolicy. */
@DgsComponent
class AdminDataFetcher {

  private final AdminUserService admins;
  private final AdminSessionService sessions;

  AdminDataFetcher(AdminUserService admins, AdminSessionService sessions) {
    this.admins = admins;
    this.sessions = sessions;
  }

  @DgsQuery
  Viewer viewer(DgsDataFetchingEnvironment env) {
    Caller caller = CallerContext.of(env);
    return Viewer.newBuilder()
        .role(caller.role().name())
        .scopes(caller.permissions().stream().map(Permission::scope).sorted().toList())
        .build();
  }

  @DgsMutation
  AdminLoginPayload adminLogin(@InputArgument AdminLoginInput input) {
    AdminLoginResult result = sessions.login(input.getEmail(), input.getPassword());
    return AdminLoginPayload.newBuilder()
        .token(result.token())
        .expiresAt(result.expiresAt() == null ? null : result.expiresAt().atOffset(ZoneOffset.UTC))
        .admin(result.admin() == null ? null : toGraphQL(result.admin()))
        .userErrors(SecurityErrors.toGraphQL(result.userErrors()))
        .build();
  }

  @DgsMutation
  AdminUserPayload adminUserCreate(@InputArgument AdminUserCreateInput input) {
    Role role = input.getRole() == null ? null : Role.valueOf(input.getRole().name());
    AdminUserResult result = admins.create(input.getEmail(), input.getPassword(), role);
    return AdminUserPayload.newBuilder()
        .admin(result.admin() == null ? null : toGraphQL(result.admin()))
        .userErrors(SecurityErrors.toGraphQL(result.userErrors()))
        .build();
  }

  private static org.loyaltygraph.schema.types.AdminUser toGraphQL(AdminUser admin) {
    return org.loyaltygraph.schema.types.AdminUser.newBuilder()
        .email(admin.email())
        .role(AdminRole.valueOf(admin.role().name()))
        .build();
  }
}
