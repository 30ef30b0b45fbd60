package org.loyaltygraph.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.loyaltygraph.graphql.ClientError;
import org.loyaltygraph.graphql.Cursors;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.order.OrderRefunded;
import org.loyaltygraph.points.EarningMultiplierSource;
import org.loyaltygraph.points.OpeningBalanceImported;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tier program: its configuration, each customer's standing and history, and the multiplier the
 * points feature applies at earning time. Other features reach tiers through this class.
 */
@Service
public class TierService implements EarningMultiplierSource {

  private final TierRepository tiers;
  private final TierCatalog catalog;
  private final TierEvaluator evaluator;
  private final TierStateRepository states;
  private final TierActivityRepository activity;
  private final TierChangeRepository changes;
  private final StandingCache cachedStandings;
  private final Clock clock;

  TierService(
      TierRepository tiers,
      TierCatalog catalog,
      TierEvaluator evaluator,
      TierStateRepository states,
      TierActivityRepository activity,
      TierChangeRepository changes,
      StandingCache cachedStandings,
      Clock clock) {
    this.tiers = tiers;
    this.catalog = catalog;
    this.evaluator = evaluator;
    this.states = states;
    this.activity = activity;
    this.changes = changes;
    this.cachedStandings = cachedStandings;
    this.clock = clock;
  }

  /** The tiers, lowest threshold first. */
  public List<Tier> tiers() {
    return catalog.current().tiers();
  }

  public TierProgram program() {
    return catalog.current().program();
  }

  @Transactional
  public TierResult create(TierDraft draft) {
    TierRepository.ProgramRow program = tiers.lockProgram();
    List<UserError> errors = new ArrayList<>();
    String id = TierValidation.id(draft.id(), errors);
    String name = TierValidation.name(draft.name(), errors);
    Long threshold = TierValidation.threshold(draft.threshold(), errors);
    BigDecimal multiplier =
        draft.pointsMultiplier() == null
            ? BigDecimal.ONE
            : TierValidation.multiplier(draft.pointsMultiplier(), errors);
    List<String> perks =
        TierValidation.perks(draft.perks() == null ? List.of() : draft.perks(), errors);
    if (id != null && tiers.findTier(id).isPresent()) {
      errors.add(UserError.of("DUPLICATE", "A tier with this id exists.", "input", "id"));
    }
    if (threshold != null && tiers.thresholdTaken(threshold, null)) {
      errors.add(
          UserError.of("DUPLICATE", "Another tier has this threshold.", "input", "threshold"));
    }
    if (!errors.isEmpty()) {
      return TierResult.refused(errors);
    }
    Instant now = clock.instant();
    Tier tier =
        new Tier(id, name, threshold, multiplier, Boolean.TRUE.equals(draft.freeShipping()), perks);
    tiers.insertTier(tier, now);
    // a new tier can move anyone: the job re-evaluates everyone under the new rules
    tiers.saveProgram(program.program(), program.rulesVersion() + 1, now);
    catalog.evict();
    return TierResult.ok(tiers.findTier(id).orElseThrow());
  }

  @Transactional
  public TierResult update(TierEdit edit) {
    TierRepository.ProgramRow program = tiers.lockProgram();
    List<UserError> errors = new ArrayList<>();
    String id = TierValidation.id(edit.id(), errors);
    Tier old = id == null ? null : tiers.findTier(id).orElse(null);
    if (id != null && old == null) {
      errors.add(UserError.of("UNKNOWN_TIER", "No tier has this id.", "input", "id"));
    }
    String name = edit.name() == null ? null : TierValidation.name(edit.name(), errors);
    Long threshold =
        edit.threshold() == null ? null : TierValidation.threshold(edit.threshold(), errors);
    BigDecimal multiplier =
        edit.pointsMultiplier() == null
            ? null
            : TierValidation.multiplier(edit.pointsMultiplier(), errors);
    List<String> perks = edit.perks() == null ? null : TierValidation.perks(edit.perks(), errors);
    if (id != null && threshold != null && tiers.thresholdTaken(threshold, id)) {
      errors.add(
          UserError.of("DUPLICATE", "Another tier has this threshold.", "input", "threshold"));
    }
    if (!errors.isEmpty()) {
      return TierResult.refused(errors);
    }
    Instant now = clock.instant();
    Tier tier =
        new Tier(
            id,
            name == null ? old.name() : name,
            threshold == null ? old.threshold() : threshold,
            multiplier == null ? old.pointsMultiplier() : multiplier,
            edit.freeShipping() == null ? old.freeShipping() : edit.freeShipping(),
            perks == null ? old.perks() : perks);
    tiers.updateTier(tier, now);
    if (tier.threshold() != old.threshold()) {
      tiers.saveProgram(program.program(), program.rulesVersion() + 1, now);
    }
    catalog.evict();
    return TierResult.ok(tiers.findTier(id).orElseThrow());
  }

  /** Deletes a tier and moves its holders at once to the tier their amount qualifies for. */
  @Transactional
  public TierResult delete(String tierId) {
    TierRepository.ProgramRow program = tiers.lockProgram();
    List<UserError> errors = new ArrayList<>();
    String id = TierValidation.id(tierId, errors);
    Tier old = id == null ? null : tiers.findTier(id).orElse(null);
    if (id != null && old == null) {
      errors.add(UserError.of("UNKNOWN_TIER", "No tier has this id.", "input", "id"));
    }
    if (!errors.isEmpty()) {
      return TierResult.refused(errors);
    }
    tiers.deleteTier(id);
    tiers.saveProgram(program.program(), program.rulesVersion() + 1, clock.instant());
    catalog.evict();
    evaluator.reevaluateHolders(old, catalog.fresh());
    return TierResult.ok(null);
  }

  @Transactional
  public TierProgramResult updateProgram(TierProgramEdit edit) {
    TierRepository.ProgramRow current = tiers.lockProgram();
    List<UserError> errors = new ArrayList<>();
    TierValidation.windowMonths(edit.windowMonths(), errors);
    TierValidation.graceDays(edit.downgradeGraceDays(), errors);
    var zone = edit.timeZone() == null ? null : TierValidation.timeZone(edit.timeZone(), errors);
    if (!errors.isEmpty()) {
      return TierProgramResult.refused(errors);
    }
    TierProgram old = current.program();
    TierProgram program =
        new TierProgram(
            Objects.requireNonNullElse(edit.basis(), old.basis()),
            Objects.requireNonNullElse(edit.window(), old.window()),
            Objects.requireNonNullElse(edit.windowMonths(), old.windowMonths()),
            Objects.requireNonNullElse(edit.downgradeGraceDays(), old.downgradeGraceDays()),
            zone == null ? old.timeZone() : zone);
    // the grace period applies to future drops only; anything else can move customers
    boolean qualificationChanged =
        program.basis() != old.basis()
            || program.window() != old.window()
            || program.windowMonths() != old.windowMonths()
            || !program.timeZone().equals(old.timeZone());
    tiers.saveProgram(
        program, current.rulesVersion() + (qualificationChanged ? 1 : 0), clock.instant());
    catalog.evict();
    return TierProgramResult.ok(program);
  }

  /**
   * The points multiplier of the tier the customer holds now (1 without a tier). The points feature
   * calls it at earning time, before the order itself counts towards tiers.
   */
  public BigDecimal multiplierFor(String customerId) {
    return multiplier(catalog.current(), states.find(customerId).orElse(null));
  }

  /**
   * {@link #multiplierFor} of several customers, in the caller's transaction: one locking read (the
   * evaluation the orders cause next reuses the rows it locked) and the cached configuration.
   */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<String, BigDecimal> multipliersFor(Collection<String> customerIds) {
    return multipliers(customerIds, states.lockAll(customerIds));
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<String, BigDecimal> multipliersUnlessHeld(Collection<String> customerIds) {
    Map<String, TierState> stored = states.lockAllUnlessHeld(customerIds);
    Set<String> free = new HashSet<>(customerIds);
    Set<String> skipped = new HashSet<>(customerIds);
    skipped.removeAll(stored.keySet());
    if (!skipped.isEmpty()) {
      // skipped: held by another transaction, or no row yet (the evaluation creates it)
      free.removeAll(states.existing(skipped));
    }
    return multipliers(free, stored);
  }

  /** The multipliers of {@code customerIds}, from their locked rows (none: no tier state yet). */
  private Map<String, BigDecimal> multipliers(
      Collection<String> customerIds, Map<String, TierState> locked) {
    TierConfiguration config = catalog.current();
    Map<String, BigDecimal> result = new HashMap<>();
    for (String id : customerIds) {
      result.put(id, multiplier(config, locked.get(id)));
    }
    return result;
  }

  private static BigDecimal multiplier(TierConfiguration config, TierState state) {
    Tier held =
        state == null
            ? config.qualifiedFor(0)
            : state.tierId() == null
                ? null
                : config
                    .tier(state.tierId())
                    .orElseGet(() -> config.qualifiedFor(state.qualifyingAmount()));
    return held == null ? BigDecimal.ONE : held.pointsMultiplier();
  }

  public TierStanding standing(String customerId) {
    return standings(List.of(customerId)).get(customerId);
  }

  /**
   * Standings of several customers, for the DataLoader behind Loyalty.tier: from {@link
   * StandingCache} where it holds a copy, the others computed in at most three queries.
   */
  public Map<String, TierStanding> standings(Collection<String> customerIds) {
    TierConfiguration config = catalog.current();
    Instant now = clock.instant();
    return cachedStandings.getAll(customerIds, config, now, ids -> computed(ids, config, now));
  }

  /**
   * A customer whose stored window still holds (see {@link TierState#windowWith}) is answered from
   * it, plus, when it holds a tier, one sum of the part of its window that still counts at the next
   * evaluation; the others read their window's activity.
   */
  private Map<String, TierStanding> computed(
      Collection<String> customerIds, TierConfiguration config, Instant now) {
    TierProgram program = config.program();
    Map<String, TierState> stored = states.findAll(customerIds);
    Map<String, QualifyingWindow> summaries = new HashMap<>();
    Map<String, Instant> keepFrom = new HashMap<>();
    List<String> toRead = new ArrayList<>();
    for (String id : customerIds) {
      TierState state = stored.get(id);
      Tier held = state == null ? null : heldTier(config, state);
      boolean vanished = state != null && state.tierId() != null && held == null;
      Optional<QualifyingWindow> summary =
          state == null || vanished ? Optional.empty() : state.windowWith(List.of(), config, now);
      if (summary.isEmpty()) {
        toRead.add(id);
        continue;
      }
      summaries.put(id, summary.get());
      Instant next = TierRules.earliest(summary.get().rollsAt(), state.graceEndsAt());
      if (held != null && next != null) {
        keepFrom.put(id, program.windowStart(next));
      }
    }
    Map<String, List<QualifyingActivity>> windows = activity.inWindow(toRead, program, now);
    Map<String, Long> stillCounting = activity.amountsFrom(keepFrom, program, now);
    Map<String, TierStanding> result = new LinkedHashMap<>();
    for (String id : customerIds) {
      TierState state = stored.get(id);
      QualifyingWindow summary = summaries.get(id);
      if (summary != null) {
        Tier held = heldTier(config, state);
        long remaining =
            keepFrom.containsKey(id) ? stillCounting.getOrDefault(id, 0L) : summary.amount();
        long toKeep = held == null ? 0 : Math.max(0, held.threshold() - remaining);
        result.put(id, TierRules.standing(id, config, held, state.graceEndsAt(), summary, toKeep));
        continue;
      }
      List<QualifyingActivity> window = windows.getOrDefault(id, List.of());
      // never evaluated, or holding a tier deleted a moment ago: show what evaluation would give
      Tier held =
          state == null
              ? config.qualifiedFor(QualifyingWindow.of(window, program).amount())
              : state.tierId() == null
                  ? null
                  : config
                      .tier(state.tierId())
                      .orElseGet(
                          () -> config.qualifiedFor(QualifyingWindow.of(window, program).amount()));
      result.put(
          id,
          TierRules.standing(id, config, held, state == null ? null : state.graceEndsAt(), window));
    }
    return result;
  }

  /** The tier a stored state holds, or null for none or one deleted since. */
  private static Tier heldTier(TierConfiguration config, TierState state) {
    return state.tierId() == null ? null : config.tier(state.tierId()).orElse(null);
  }

  /**
   * The customer's tier changes, newest first.
   *
   * @param first 1 to 100, otherwise a {@link ClientError} {@code INVALID_ARGUMENT}
   * @param after the cursor of the last change of the previous page, or null
   */
  public TierHistoryPage history(String customerId, int first, String after) {
    Pagination.first(first);
    Long before = after == null ? null : Cursors.decode(after);
    List<TierChangeRepository.Row> rows = changes.page(customerId, before, first + 1);
    List<TierChange> page =
        rows.stream()
            .limit(first)
            .map(
                r ->
                    new TierChange(
                        Cursors.encode(r.id()),
                        r.from(),
                        r.to(),
                        r.changedAt(),
                        r.reason(),
                        r.amount()))
            .toList();
    return new TierHistoryPage(page, rows.size() > first, after != null);
  }

  /** Counts an order towards its customer's tier; a replay of the same order changes nothing. */
  @Transactional
  public void recordOrder(OrderRecorded order) {
    evaluator.record(
        order.customerId(),
        "order:" + order.orderId(),
        order.placedAt(),
        order.baseSpend(),
        order.points(),
        TierRules.Trigger.ORDER,
        order.webhooks());
  }

  /**
   * {@link #recordOrder} for orders written together: their customers are locked, appended to and
   * evaluated in a fixed number of statements. The orders are new (just written), so none was
   * counted before.
   */
  @Transactional
  public void recordOrders(List<OrderRecorded> orders) {
    // a tier change goes out as a webhook when its orders' events do
    orders.stream()
        .collect(Collectors.partitioningBy(OrderRecorded::webhooks))
        .forEach(
            (webhooks, some) ->
                evaluator.recordAll(
                    some.stream()
                        .map(
                            o ->
                                new TierActivityRepository.NewActivity(
                                    o.customerId(),
                                    "order:" + o.orderId(),
                                    o.placedAt(),
                                    o.baseSpend(),
                                    o.points()))
                        .toList(),
                    TierRules.Trigger.ORDER,
                    webhooks));
  }

  /** Takes a refund off the window of its order (dated at the order's placedAt). */
  @Transactional
  public void recordRefund(OrderRefunded refund) {
    evaluator.record(
        refund.customerId(),
        "refund:" + refund.orderId() + ":" + refund.refundId(),
        refund.placedAt(),
        -refund.baseSpendRefunded(),
        -refund.pointsTakenBack(),
        TierRules.Trigger.REFUND,
        true);
  }

  /**
   * Counts the qualifying amount a customer brought from the shop's previous loyalty system, as of
   * the import, whichever basis the program uses; once per customer.
   */
  @Transactional
  public void recordOpeningBalance(OpeningBalanceImported opening) {
    evaluator.record(
        opening.customerId(),
        "opening:" + opening.customerId(),
        opening.at(),
        opening.qualifyingAmount(),
        opening.qualifyingAmount(),
        TierRules.Trigger.OPENING_BALANCE,
        opening.webhooks());
  }

  /**
   * Moves the merged customer's qualifying activity to the survivor and re-evaluates the survivor;
   * the merged customer's own standing is dropped.
   */
  @Transactional
  public void merge(String survivorId, String mergedId) {
    evaluator.merge(survivorId, mergedId);
  }
}
