package org.loyaltygraph.points;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** Reads of customers' points: summaries (cached) and the ledger. */
@Service
public class PointsService {

  private final AccountRepository accounts;
  private final LotRepository lots;
  private final EntryRepository entries;
  private final SummaryCache cache;
  private final Clock clock;

  PointsService(
      AccountRepository accounts,
      LotRepository lots,
      EntryRepository entries,
      SummaryCache cache,
      Clock clock) {
    this.accounts = accounts;
    this.lots = lots;
    this.entries = entries;
    this.cache = cache;
    this.clock = clock;
  }

  public PointsSummary summary(String customerId) {
    return summaries(List.of(customerId)).get(customerId);
  }

  /** Summaries for a batch of customers; customers with no activity get empty ones. */
  public Map<String, PointsSummary> summaries(Collection<String> customerIds) {
    return cache.getAll(customerIds, this::load);
  }

  /** The ledger, newest first: {@code limit} entries older than {@code beforeId}. */
  public List<PointsEntry> ledger(String customerId, Long beforeId, int limit) {
    return entries.page(customerId, beforeId, limit);
  }

  /**
   * Available points that expire after {@code from} and no later than {@code to}, one row per
   * customer and expiry instant, ordered by customer then expiry; a page starts after {@code after}
   * (the last row of the previous page), or at the start when it is null.
   */
  public List<ExpiringPoints> expiring(Instant from, Instant to, ExpiringPoints after, int limit) {
    return lots.expiring(
        from,
        to,
        after == null ? null : after.customerId(),
        after == null ? null : after.expiresAt(),
        limit);
  }

  public Instant now() {
    return clock.instant();
  }

  private Map<String, PointsSummary> load(Set<? extends String> customerIds) {
    Map<String, PointsSummary> result = new HashMap<>();
    for (String id : customerIds) {
      result.put(id, PointsSummary.empty(id));
    }
    List<PointsAccount> found = accounts.findAll(List.copyOf(customerIds));
    if (found.isEmpty()) {
      return result;
    }
    Map<String, List<PointsLot>> lotsByCustomer = new HashMap<>();
    for (PointsLot lot : lots.findOpen(found.stream().map(PointsAccount::customerId).toList())) {
      lotsByCustomer.computeIfAbsent(lot.customerId(), id -> new ArrayList<>()).add(lot);
    }
    for (PointsAccount account : found) {
      TreeMap<Instant, Long> expiries = new TreeMap<>();
      TreeMap<Instant, Long> releases = new TreeMap<>();
      for (PointsLot lot : lotsByCustomer.getOrDefault(account.customerId(), List.of())) {
        if (lot.status() == PointsLot.Status.PENDING) {
          releases.merge(lot.availableAt(), lot.remaining(), Long::sum);
        } else if (lot.expiresAt() != null && lot.remaining() > 0) {
          expiries.merge(lot.expiresAt(), lot.remaining(), Long::sum);
        }
      }
      result.put(
          account.customerId(),
          new PointsSummary(
              account.customerId(),
              account.available(),
              account.pending(),
              account.lifetimeEarned(),
              dated(expiries),
              dated(releases)));
    }
    return result;
  }

  private static List<PointsSummary.Dated> dated(TreeMap<Instant, Long> byInstant) {
    List<PointsSummary.Dated> list = new ArrayList<>();
    byInstant.forEach((at, points) -> list.add(new PointsSummary.Dated(at, points)));
    return list;
  }
}
