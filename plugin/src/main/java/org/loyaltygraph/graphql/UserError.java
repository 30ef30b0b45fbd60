package org.loyaltygraph.graphql;

import java.util.List;

/**
 * A business refusal, in the shape every payload's {@code userErrors} has: the input path at fault,
 * a message for developers and a code for programs. Each feature maps {@code code} to its own
 * GraphQL enum at the edge.
 */
public record UserError(List<String> field, String message, String code) {

  public static UserError of(String code, String message, String... field) {
    return new UserError(field.length == 0 ? null : List.of(field), message, code);
  }
}
