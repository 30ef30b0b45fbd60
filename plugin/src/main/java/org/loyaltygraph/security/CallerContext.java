package org.loyaltygraph.security;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/** Reads the {@link Caller} that {@link CallerInterceptor} put into the GraphQL context. */
public final class CallerContext {

  private CallerContext() {}

  public static Caller of(DataFetchingEnvironment env) {
    return of(env.getGraphQlContext());
  }

  public static Caller of(GraphQLContext context) {
    Caller caller = context.get(Caller.class);
    return caller != null ? caller : Caller.ANONYMOUS;
  }
}
