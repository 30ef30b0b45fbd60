package org.loyaltygraph.security;

/** The caller may not use this field. The message names the field only, never who may. */
public class AccessDeniedException extends RuntimeException {

  private final boolean authenticated;

  public AccessDeniedException(boolean authenticated, String field) {
    super((authenticated ? "Forbidden: " : "Unauthenticated: ") + field);
    this.authenticated = authenticated;
  }

  public String code() {
    return authenticated ? "FORBIDDEN" : "UNAUTHENTICATED";
  }

  public String publicMessage() {
    return authenticated
        ? "This caller may not use this field."
        : "Authentication required: send an API key or a token.";
  }
}
