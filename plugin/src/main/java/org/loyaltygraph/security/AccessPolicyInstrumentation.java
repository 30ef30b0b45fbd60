package org.loyaltygraph.security;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.springframework.stereotype.Component;

/** Enforces {@link AccessPolicy} on every root field before its fetcher runs. Deny by default. */
@Component
class AccessPolicyInstrumentation extends SimplePerformantInstrumentation {

  @Override
  public DataFetcher<?> instrumentDataFetcher(
      DataFetcher<?> dataFetcher,
      InstrumentationFieldFetchParameters parameters,
      InstrumentationState state) {
    var env = parameters.getEnvironment();
    if (!(env.getParentType() instanceof GraphQLObjectType parent)
        || !isRoot(env.getGraphQLSchema(), parent)) {
      return dataFetcher;
    }
    String field = env.getField().getName();
    if (field.startsWith("__")) {
      return dataFetcher; // introspection is governed by its own setting
    }
    Caller caller = CallerContext.of(env);
    if (AccessPolicy.allows(caller, parent.getName(), field)) {
      return dataFetcher;
    }
    return denied -> {
      throw new AccessDeniedException(caller.isAuthenticated(), parent.getName() + "." + field);
    };
  }

  private static boolean isRoot(GraphQLSchema schema, GraphQLObjectType type) {
    return type == schema.getQueryType() || type == schema.getMutationType();
  }
}
