package org.loyaltygraph.tier;

import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultPageInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.TierChangeConnection;
import org.loyaltygraph.schema.types.TierChangeEdge;
import org.loyaltygraph.schema.types.TierErrorCode;
import org.loyaltygraph.schema.types.TierQualificationBasis;
import org.loyaltygraph.schema.types.TierStatus;
import org.loyaltygraph.schema.types.TierUserError;
import org.loyaltygraph.schema.types.TierWindow;

/** Maps tier records to the generated GraphQL types; the generated types stay at the edge. */
final class TierGraphQL {

  private TierGraphQL() {}

  static org.loyaltygraph.schema.types.Tier tier(Tier t) {
    if (t == null) {
      return null;
    }
    return org.loyaltygraph.schema.types.Tier.newBuilder()
        .id(t.id())
        .name(t.name())
        .threshold(t.threshold())
        .pointsMultiplier(t.pointsMultiplier().toPlainString())
        .freeShipping(t.freeShipping())
        .perks(t.perks())
        .build();
  }

  static org.loyaltygraph.schema.types.TierProgram program(TierProgram p) {
    if (p == null) {
      return null;
    }
    return org.loyaltygraph.schema.types.TierProgram.newBuilder()
        .basis(TierQualificationBasis.valueOf(p.basis().name()))
        .window(TierWindow.valueOf(p.window().name()))
        .windowMonths(p.windowMonths())
        .downgradeGraceDays(p.downgradeGraceDays())
        .timeZone(p.timeZone().getId())
        .build();
  }

  static TierUserError userError(UserError e) {
    return TierUserError.newBuilder()
        .field(e.field())
        .message(e.message())
        .code(TierErrorCode.valueOf(e.code()))
        .build();
  }

  /** The standing without {@code history}, which its own fetcher pages on demand. */
  static TierStatus status(TierStanding s) {
    return TierStatus.newBuilder()
        .tier(tier(s.tier()))
        .name(s.tier() == null ? null : s.tier().name())
        .qualifyingAmount(s.qualifyingAmount())
        .nextTier(tier(s.nextTier()))
        .amountToNextTier(s.amountToNextTier())
        .amountToKeepTier(s.amountToKeepTier())
        .nextEvaluationAt(dateTime(s.nextEvaluationAt()))
        .graceEndsAt(dateTime(s.graceEndsAt()))
        .build();
  }

  static TierChangeConnection history(TierHistoryPage page) {
    var edges =
        page.changes().stream()
            .map(
                c ->
                    TierChangeEdge.newBuilder()
                        .cursor(c.cursor())
                        .node(
                            org.loyaltygraph.schema.types.TierChange.newBuilder()
                                .fromTier(tier(c.fromTier()))
                                .toTier(tier(c.toTier()))
                                .changedAt(dateTime(c.changedAt()))
                                .reason(c.reason())
                                .qualifyingAmount(c.qualifyingAmount())
                                .build())
                        .build())
            .toList();
    return TierChangeConnection.newBuilder()
        .edges(edges)
        .pageInfo(
            new DefaultPageInfo(
                edges.isEmpty() ? null : new DefaultConnectionCursor(edges.get(0).getCursor()),
                edges.isEmpty()
                    ? null
                    : new DefaultConnectionCursor(edges.get(edges.size() - 1).getCursor()),
                page.hasPreviousPage(),
                page.hasNextPage()))
        .build();
  }

  private static OffsetDateTime dateTime(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
