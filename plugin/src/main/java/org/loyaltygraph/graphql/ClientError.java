package org.loyaltygraph.graphql;

/**
 * A failure whose message is safe to show a client, for the few cases that are not business
 * outcomes (those are {@code userErrors}): an argument outside its documented bounds, say, or a
 * field the caller may not use. {@link ClientErrorHandler} turns it into a typed error with its
 * code.
 */
public class ClientError extends RuntimeException {

  private final String code;
  private final String publicMessage;

  public ClientError(String code, String message) {
    this(code, message, message);
  }

  /** For a failure whose log message ({@link #getMessage()}) says more than the client may read. */
  protected ClientError(String code, String publicMessage, String logMessage) {
    super(logMessage);
    this.code = code;
    this.publicMessage = publicMessage;
  }

  public String code() {
    return code;
  }

  /** What the client reads. */
  public String publicMessage() {
    return publicMessage;
  }
}
