package org.loyaltygraph.tier;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import org.loyaltygraph.schema.types.TierCreateInput;
import org.loyaltygraph.schema.types.TierDeleteInput;
import org.loyaltygraph.schema.types.TierPayload;
import org.loyaltygraph.schema.types.TierProgramPayload;
import org.loyaltygraph.schema.types.TierProgramUpdateInput;
import org.loyaltygraph.schema.types.TierUpdateInput;
import org.loyaltygraph.system.LockConflictRetry;

/**
 * The tier configuration: {@code tiers}, {@code tierProgram} and the admin mutations. Each mutation
 * runs its whole service transaction again when the database picks it as a deadlock victim:
 * deleting a tier locks its holders' standings, which orders and the evaluation job lock in their
 * own order.
 */
@DgsComponent
class TierDataFetcher {

  private final TierService tiers;

  TierDataFetcher(TierService tiers) {
    this.tiers = tiers;
  }

  @DgsQuery
  List<org.loyaltygraph.schema.types.Tier> tiers() {
    return tiers.tiers().stream().map(TierGraphQL::tier).toList();
  }

  @DgsQuery
  org.loyaltygraph.schema.types.TierProgram tierProgram() {
    return TierGraphQL.program(tiers.program());
  }

  @DgsMutation
  TierPayload tierCreate(@InputArgument TierCreateInput input) {
    TierDraft draft =
        new TierDraft(
            input.getId(),
            input.getName(),
            input.getThreshold(),
            input.getPointsMultiplier(),
            input.getFreeShipping(),
            input.getPerks());
    return payload(LockConflictRetry.run(() -> tiers.create(draft)));
  }

  @DgsMutation
  TierPayload tierUpdate(@InputArgument TierUpdateInput input) {
    TierEdit edit =
        new TierEdit(
            input.getId(),
            input.getName(),
            input.getThreshold(),
            input.getPointsMultiplier(),
            input.getFreeShipping(),
            input.getPerks());
    return payload(LockConflictRetry.run(() -> tiers.update(edit)));
  }

  @DgsMutation
  TierPayload tierDelete(@InputArgument TierDeleteInput input) {
    return payload(LockConflictRetry.run(() -> tiers.delete(input.getId())));
  }

  @DgsMutation
  TierProgramPayload tierProgramUpdate(@InputArgument TierProgramUpdateInput input) {
    TierProgramEdit edit =
        new TierProgramEdit(
            input.getBasis() == null ? null : TierProgram.Basis.valueOf(input.getBasis().name()),
            input.getWindow() == null ? null : TierProgram.Window.valueOf(input.getWindow().name()),
            input.getWindowMonths(),
            input.getDowngradeGraceDays(),
            input.getTimeZone());
    TierProgramResult result = LockConflictRetry.run(() -> tiers.updateProgram(edit));
    return TierProgramPayload.newBuilder()
        .tierProgram(TierGraphQL.program(result.program()))
        .userErrors(result.userErrors().stream().map(TierGraphQL::userError).toList())
        .build();
  }

  private static TierPayload payload(TierResult result) {
    return TierPayload.newBuilder()
        .tier(TierGraphQL.tier(result.tier()))
        .userErrors(result.userErrors().stream().map(TierGraphQL::userError).toList())
        .build();
  }
}
