package org.loyaltygraph.tier;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** A program write's outcome: the program as stored, or why it was refused. */
public record TierProgramResult(TierProgram program, List<UserError> userErrors) {

  static TierProgramResult ok(TierProgram program) {
    return new TierProgramResult(program, List.of());
  }

  static TierProgramResult refused(List<UserError> errors) {
    return new TierProgramResult(null, List.copyOf(errors));
  }
}
