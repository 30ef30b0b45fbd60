package org.loyaltygraph.tier;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** A tier write's outcome: the tier as stored (null after a delete), or why it was refused. */
public record TierResult(Tier tier, List<UserError> userErrors) {

  static TierResult ok(Tier tier) {
    return new TierResult(tier, List.of());
  }

  static TierResult refused(List<UserError> errors) {
    return new TierResult(null, List.copyOf(errors));
  }
}
