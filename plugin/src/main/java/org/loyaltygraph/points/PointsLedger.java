package org.loyaltygraph.points;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of points goes through here, in the caller's transaction, under the customer's
 * account lock, and appends ledger entries. Invariant kept by every method: account.available = sum
 * of the customer's entries = sum of remaining over AVAILABLE lots; account.pending = sum of
 * remaining over PENDING lots.
 */
@Service
public class PointsLedger {

  private final AccountRepository accounts;
  private final LotRepository lots;
  private final EntryRepository entries;
  private final SummaryCache summaries;
  private final Clock clock;

  PointsLedger(
      AccountRepository accounts,
      LotRepository lots,
      EntryRepository entries,
      SummaryCache summaries,
      Clock clock) {
    this.accounts = accounts;
    this.lots = lots;
    this.entries = entries;
    this.summaries = summaries;
    this.clock = clock;
  }

  /**
   * Records points earned at {@code earnedAt} as the source's lot: pending for the return window,
   * then available until expiry. No lot when there is nothing to record.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void earn(
      String customerId,
      String sourceType,
      String sourceId,
      long points,
      Instant earnedAt,
      EarningRules rules) {
    if (points <= 0) {
      return;
    }
    Instant now = clock.instant();
    accounts.addPendingAll(Map.of(customerId, points), now);
    Instant availableAt = rules.availableAt(earnedAt);
    lots.insert(
        customerId,
        sourceType,
        sourceId,
        points,
        PointsLot.Status.PENDING,
        availableAt,
        rules.expiresAt(availableAt),
        now);
    // the customer's other due lots are the maintenance job's; this order settles only when its
    // own lot is already due (a back-dated order, or no return window)
    if (!availableAt.isAfter(now)) {
      settleDue(customerId, now);
    }
    summaries.evictAfterCommit(customerId);
  }

  /**
   * Locks the customers' accounts for the rest of the transaction (creating them where needed), in
   * customer order: taken first by an order, it makes a customer's concurrent orders run one after
   * another, each seeing the tier the previous one reached.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lockAccounts(Collection<String> customerIds) {
    if (!customerIds.isEmpty()) {
      accounts.lockAll(customerIds, clock.instant());
    }
  }

  /**
   * {@link #lockAccounts} that waits for no one: locks the accounts no other transaction holds
   * (creating missing ones, which may wait only for a transaction creating the same row), and
   * answers the customers whose accounts another transaction holds, neither locked nor waited for.
   * Their changes belong in a transaction of their own, which waits for the lock while the others
   * commit. One statement when every account exists and is free, at most three otherwise.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Set<String> lockAccountsUnlessHeld(Collection<String> customerIds) {
    if (customerIds.isEmpty()) {
      return Set.of();
    }
    Set<String> notLocked = new TreeSet<>(customerIds);
    notLocked.removeAll(accounts.lockAllUnlessHeld(notLocked));
    if (notLocked.isEmpty()) {
      return Set.of();
    }
    // skipped: held by another transaction, or no row yet (then created as lockAccounts does)
    Set<String> held = accounts.existing(notLocked);
    notLocked.removeAll(held);
    if (!notLocked.isEmpty()) {
      accounts.lockAll(notLocked, clock.instant());
    }
    return held;
  }

  /**
   * Points one source earned for a customer at {@code earnedAt}, under {@code rules} (which set
   * when they mature and expire): an input of {@link #earnAll}.
   */
  public record Earning(
      String customerId, String sourceId, long points, Instant earnedAt, EarningRules rules) {}

  /**
   * {@link #earn} for several sources of one type (orders written together): one statement for the
   * accounts and one for the lots, whatever their number; sources that earned nothing get no lot. A
   * lot is found again by its source ({@link #takeBack}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void earnAll(String sourceType, List<Earning> earnings) {
    List<Earning> earning = earnings.stream().filter(e -> e.points() > 0).toList();
    if (earning.size() <= 1) {
      for (Earning e : earning) {
        earn(e.customerId(), sourceType, e.sourceId(), e.points(), e.earnedAt(), e.rules());
      }
      return;
    }
    Instant now = clock.instant();
    Map<String, Long> byCustomer = new HashMap<>();
    Set<String> due = new TreeSet<>();
    List<LotRepository.NewLot> newLots = new ArrayList<>();
    for (Earning e : earning) {
      byCustomer.merge(e.customerId(), e.points(), Long::sum);
      Instant availableAt = e.rules().availableAt(e.earnedAt());
      if (!availableAt.isAfter(now)) {
        due.add(e.customerId());
      }
      newLots.add(
          new LotRepository.NewLot(
              e.customerId(),
              e.sourceId(),
              e.points(),
              PointsLot.Status.PENDING,
              availableAt,
              e.rules().expiresAt(availableAt)));
    }
    accounts.addPendingAll(byCustomer, now);
    lots.insertAll(sourceType, newLots, now);
    // as in earn: only customers with a lot due at once settle here
    due.forEach(customerId -> settleDue(customerId, now));
    byCustomer.keySet().forEach(summaries::evictAfterCommit);
  }

  /**
   * Takes back points of the lot a source earned (an order, by its id) for a refund: pending points
   * are canceled; available ones are reversed from the lot, then from the customer's other lots,
   * then per the policy.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public TakeBack takeBack(
      String customerId,
      String sourceType,
      String sourceId,
      long points,
      String causeType,
      String causeId,
      NegativeBalancePolicy policy) {
    if (points <= 0) {
      return TakeBack.NOTHING;
    }
    Instant now = clock.instant();
    accounts.lock(customerId, now);
    settleDue(customerId, now);
    PointsLot lot =
        lots.lockBySource(sourceType, sourceId)
            .orElseThrow(
                () -> new IllegalStateException(sourceType + " " + sourceId + " earned no lot"));
    if (lot.status() == PointsLot.Status.PENDING || lot.status() == PointsLot.Status.CANCELED) {
      long canceled = Math.min(points, lot.remaining());
      long left = lot.remaining() - canceled;
      lots.update(
          lot.id(),
          left,
          lot.expiredUnreversed(),
          left == 0 ? PointsLot.Status.CANCELED : lot.status());
      accounts.add(customerId, 0, -canceled, 0, now);
      summaries.evictAfterCommit(customerId);
      return new TakeBack(0, canceled, 0, points - canceled);
    }
    long fromLot = Math.min(points, Math.max(0, lot.remaining()));
    long rest = points - fromLot;
    long expired = Math.min(rest, lot.expiredUnreversed());
    rest -= expired;
    if (fromLot > 0) {
      entries.append(
          customerId, lot.id(), PointsEntryType.REVERSE, -fromLot, causeType, causeId, null, now);
    }
    lots.update(
        lot.id(), lot.remaining() - fromLot, lot.expiredUnreversed() - expired, lot.status());
    long fromOthers =
        rest > 0
            ? draw(customerId, rest, PointsEntryType.REVERSE, causeType, causeId, null, now)
            : 0;
    rest -= fromOthers;
    long shortfall = 0;
    long intoDebt = 0;
    if (rest > 0 && policy == NegativeBalancePolicy.ALLOW_NEGATIVE) {
      long debtLot = debtLotId(customerId, now);
      PointsLot debt = lots.lock(debtLot).orElseThrow();
      lots.update(debt.id(), debt.remaining() - rest, 0, PointsLot.Status.AVAILABLE);
      entries.append(
          customerId, debt.id(), PointsEntryType.REVERSE, -rest, causeType, causeId, null, now);
      intoDebt = rest;
    } else {
      shortfall = rest;
    }
    long reversed = fromLot + fromOthers + intoDebt;
    accounts.add(customerId, -reversed, 0, 0, now);
    summaries.evictAfterCommit(customerId);
    return new TakeBack(reversed, 0, expired, shortfall);
  }

  /** Spends points for a redemption or a negative adjustment; the caller checked the balance. */
  @Transactional(propagation = Propagation.MANDATORY)
  void spend(
      String customerId,
      long points,
      PointsEntryType type,
      String causeType,
      String causeId,
      String reason) {
    Instant now = clock.instant();
    long drawn = draw(customerId, points, type, causeType, causeId, reason, now);
    if (drawn != points) {
      throw new IllegalStateException("Balance check and lots disagree for " + customerId);
    }
    accounts.add(customerId, -points, 0, 0, now);
    summaries.evictAfterCommit(customerId);
  }

  /** Adds available points at once (an admin grant); they expire like earned points. */
  @Transactional(propagation = Propagation.MANDATORY)
  void grant(
      String customerId,
      long points,
      String sourceType,
      String sourceId,
      String causeType,
      String reason,
      EarningRules rules) {
    Instant now = clock.instant();
    long lotId =
        lots.insert(
            customerId,
            sourceType,
            sourceId,
            points,
            PointsLot.Status.AVAILABLE,
            now,
            rules.expiresAt(now),
            now);
    entries.append(
        customerId, lotId, PointsEntryType.ADJUST, points, causeType, sourceId, reason, now);
    accounts.add(customerId, points, 0, 0, now);
    settleDebt(customerId, now);
    summaries.evictAfterCommit(customerId);
  }

  /**
   * Moves the merged customer's lots and entries to the survivor: one ledger remains, every lot
   * keeps its expiry, both histories stay, and the balances add up. A debt of the merged customer
   * joins the survivor's, and is settled from the survivor's points.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void merge(String survivorId, String mergedId) {
    Instant now = clock.instant();
    boolean survivorFirst = survivorId.compareTo(mergedId) < 0;
    accounts.lock(survivorFirst ? survivorId : mergedId, now);
    accounts.lock(survivorFirst ? mergedId : survivorId, now);
    settleDue(survivorId, now);
    settleDue(mergedId, now);
    PointsAccount merged = accounts.lock(mergedId, now);
    lots.lockDebt(mergedId)
        .ifPresent(
            debt -> {
              PointsLot survivorDebt = lots.lock(debtLotId(survivorId, now)).orElseThrow();
              entries.moveToLot(debt.id(), survivorDebt.id(), survivorId);
              lots.update(
                  survivorDebt.id(),
                  survivorDebt.remaining() + debt.remaining(),
                  0,
                  PointsLot.Status.AVAILABLE);
              lots.update(debt.id(), 0, 0, PointsLot.Status.CANCELED);
            });
    lots.reassign(mergedId, survivorId);
    entries.reassign(mergedId, survivorId);
    accounts.add(survivorId, merged.available(), merged.pending(), merged.lifetimeEarned(), now);
    accounts.add(mergedId, -merged.available(), -merged.pending(), -merged.lifetimeEarned(), now);
    settleDebt(survivorId, now);
    summaries.evictAfterCommit(survivorId);
    summaries.evictAfterCommit(mergedId);
  }

  /** Adds an available lot with its own expiry, carried over from another system. */
  @Transactional(propagation = Propagation.MANDATORY)
  void carryOver(String customerId, String sourceId, long points, Instant expiresAt) {
    Instant now = clock.instant();
    long lotId =
        lots.insert(
            customerId,
            "OPENING",
            sourceId,
            points,
            PointsLot.Status.AVAILABLE,
            now,
            expiresAt,
            now);
    entries.append(
        customerId, lotId, PointsEntryType.EARN, points, "opening-balance", customerId, null, now);
    accounts.add(customerId, points, 0, points, now);
    settleDebt(customerId, now);
    summaries.evictAfterCommit(customerId);
  }

  /** Locks the customer's account for a balance check; answers the balance after due changes. */
  @Transactional(propagation = Propagation.MANDATORY)
  long lockAndSettle(String customerId) {
    Instant now = clock.instant();
    accounts.lock(customerId, now);
    settleDue(customerId, now);
    return accounts.lock(customerId, now).available(); // a locking read: the latest row
  }

  /** Matures pending lots and expires lots that are due, for a customer whose lock is held. */
  void settleDue(String customerId, Instant now) {
    long matured = 0;
    for (PointsLot lot : lots.lockDuePending(customerId, now)) {
      lots.update(lot.id(), lot.remaining(), lot.expiredUnreversed(), PointsLot.Status.AVAILABLE);
      if (lot.remaining() > 0) {
        entries.append(
            customerId,
            lot.id(),
            PointsEntryType.EARN,
            lot.remaining(),
            lot.sourceType().toLowerCase(),
            lot.sourceId(),
            null,
            now);
        matured += lot.remaining();
      }
    }
    if (matured > 0) {
      accounts.add(customerId, matured, -matured, 0, now);
      settleDebt(customerId, now);
    }
    long expired = 0;
    for (PointsLot lot : lots.lockDueExpiry(customerId, now)) {
      long points = Math.max(0, lot.remaining());
      if (points > 0) {
        entries.append(
            customerId,
            lot.id(),
            PointsEntryType.EXPIRE,
            -points,
            "expiry",
            lot.sourceId(),
            null,
            now);
      }
      lots.update(
          lot.id(),
          lot.remaining() - points,
          lot.expiredUnreversed() + points,
          PointsLot.Status.EXPIRED);
      expired += points;
    }
    if (expired > 0) {
      accounts.add(customerId, -expired, 0, 0, now);
    }
    if (matured > 0 || expired > 0) {
      summaries.evictAfterCommit(customerId);
    }
  }

  /**
   * Moves positive points into the debt lot until one of them is empty; the balance is unchanged.
   */
  private void settleDebt(String customerId, Instant now) {
    PointsLot debt = lots.lockDebt(customerId).orElse(null);
    if (debt == null || debt.remaining() >= 0) {
      return;
    }
    long owed = -debt.remaining();
    long moved =
        draw(customerId, owed, PointsEntryType.SETTLE, "settlement", customerId, null, now);
    if (moved > 0) {
      lots.update(debt.id(), debt.remaining() + moved, 0, PointsLot.Status.AVAILABLE);
      entries.append(
          customerId,
          debt.id(),
          PointsEntryType.SETTLE,
          moved,
          "settlement",
          customerId,
          null,
          now);
    }
  }

  /** Takes up to {@code points} from spendable lots, soonest expiry first; answers what it took. */
  private long draw(
      String customerId,
      long points,
      PointsEntryType type,
      String causeType,
      String causeId,
      String reason,
      Instant now) {
    long left = points;
    List<PointsLot> spendable = lots.lockSpendable(customerId);
    for (PointsLot lot : spendable) {
      if (left == 0) {
        break;
      }
      if (lot.isDebt()) {
        continue;
      }
      long take = Math.min(left, lot.remaining());
      lots.update(lot.id(), lot.remaining() - take, lot.expiredUnreversed(), lot.status());
      entries.append(customerId, lot.id(), type, -take, causeType, causeId, reason, now);
      left -= take;
    }
    return points - left;
  }

  private long debtLotId(String customerId, Instant now) {
    return lots.lockDebt(customerId)
        .map(PointsLot::id)
        .orElseGet(
            () ->
                lots.insert(
                    customerId,
                    PointsLot.DEBT,
                    customerId,
                    0,
                    PointsLot.Status.AVAILABLE,
                    now,
                    null,
                    now));
  }
}
