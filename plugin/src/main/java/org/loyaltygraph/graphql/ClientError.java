package org.loyaltygraph.graphql;

/**
 * A failure whose message is safe to show a client, for the few cases that are not business
 * outcomes (those are {@code userErrors}): an argument outside its documented bounds, say.
 */
public class ClientError extends RuntimeException {

  private final String code;

  public ClientError(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
