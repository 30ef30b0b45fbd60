package org.loyaltygraph.security;

import org.loyaltygraph.graphql.ClientError;

/**
 * The caller may not use this field: {@code FORBIDDEN} for an authenticated caller, {@code
 * UNAUTHENTICATED} otherwise. The client's message names nothing; the log's names the field only,
 * never who may.
 */
public class AccessDeniedException extends ClientError {

  public AccessDeniedException(boolean authenticated, String field) {
    super(
        authenticated ? "FORBIDDEN" : "UNAUTHENTICATED",
        authenticated
            ? "This caller may not use this field."
            : "Authentication required: send an API key or a token.",
        (authenticated ? "Forbidden: " : "Unauthenticated: ") + field);
  }
}
