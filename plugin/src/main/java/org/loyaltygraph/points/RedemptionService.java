package org.loyaltygraph.points;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Points for rewards, and the codes that carry them to checkout. A redemption holds the customer's
 * account lock from the balance check to the debit, so concurrent redemptions never spend the same
 * points twice.
 */
@Service
public class RedemptionService {

  private final PointsLedger ledger;
  private final RewardService rewards;
  private final RedemptionRepository redemptions;
  private final DiscountCodeRepository codes;
  private final CustomerService customers;
  private final RedemptionLimits limits;
  private final Clock clock;

  RedemptionService(
      PointsLedger ledger,
      RewardService rewards,
      RedemptionRepository redemptions,
      DiscountCodeRepository codes,
      CustomerService customers,
      RedemptionLimits limits,
      Clock clock) {
    this.limits = limits;
    this.ledger = ledger;
    this.rewards = rewards;
    this.redemptions = redemptions;
    this.codes = codes;
    this.customers = customers;
    this.clock = clock;
  }

  /** The code, the balance left, or why the redemption was refused (then nothing changed). */
  public record RedeemResult(
      DiscountCode code, Reward reward, Long available, List<UserError> userErrors) {
    static RedeemResult refused(String code, String message, String... field) {
      return new RedeemResult(null, null, null, List.of(UserError.of(code, message, field)));
    }
  }

  @Transactional
  public RedeemResult redeem(String customerId, String rewardId, String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
      return RedeemResult.refused(
          "REQUIRED",
          "An idempotency key of 1 to 128 characters is required.",
          "input",
          "idempotencyKey");
    }
    // the stored id (as the database compares ids), or the survivor of a merge
    Optional<String> known = customers.resolveExisting(customerId);
    if (known.isEmpty()) {
      return RedeemResult.refused(
          "UNKNOWN_CUSTOMER", "No customer has this id.", "input", "customerId");
    }
    Optional<Reward> reward = rewards.find(rewardId);
    if (reward.isEmpty()) {
      return RedeemResult.refused("UNKNOWN_REWARD", "No reward has this id.", "input", "rewardId");
    }
    customerId = known.get();
    long available = ledger.lockAndSettle(customerId);
    // Under the lock: a concurrent call with the same key has committed or not started.
    Optional<RedemptionRepository.Redemption> earlier =
        redemptions.findByKey(customerId, idempotencyKey);
    if (earlier.isPresent()) {
      if (!earlier.get().rewardId().equals(rewardId)) {
        return RedeemResult.refused(
            "IDEMPOTENCY_KEY_REUSED",
            "This key was used for another reward; nothing was changed.",
            "input",
            "idempotencyKey");
      }
      // the first result: its code (as it stands now: used or not) and the balance it left
      Long left = earlier.get().availableAfter();
      return new RedeemResult(
          codes.find(earlier.get().code()).orElseThrow(),
          reward.get(),
          left != null ? left : available,
          List.of());
    }
    if (!reward.get().active()) {
      return RedeemResult.refused(
          "REWARD_INACTIVE", "This reward is switched off.", "input", "rewardId");
    }
    long cost = reward.get().costPoints();
    if (available < cost) {
      return RedeemResult.refused(
          "INSUFFICIENT_POINTS",
          "The balance of " + available + " points does not cover " + cost + ".",
          "input",
          "rewardId");
    }
    String redemptionId = UUID.randomUUID().toString();
    ledger.spend(customerId, cost, PointsEntryType.REDEEM, "redemption", redemptionId, null);
    String code = issueCode(customerId, redemptionId, rewardId);
    redemptions.insert(
        redemptionId,
        customerId,
        idempotencyKey,
        rewardId,
        cost,
        code,
        available - cost,
        clock.instant());
    return new RedeemResult(
        codes.find(code).orElseThrow(), reward.get(), available - cost, List.of());
  }

  /** The consumed code, or why not. Replaying the same code for the same order succeeds again. */
  public record ConsumeResult(DiscountCode code, Reward reward, List<UserError> userErrors) {}

  @Transactional
  public ConsumeResult consume(
      String typedCode, String orderId, Long orderSubtotal, String subtotalCurrency) {
    String code = CodeGenerator.normalise(typedCode);
    if (orderId == null || orderId.isBlank()) {
      return refusedCode("REQUIRED", "The order id is required.", "orderId");
    }
    Optional<DiscountCode> stored = codes.find(code);
    if (stored.isEmpty()) {
      return refusedCode("UNKNOWN_CODE", "No code matches.", "code");
    }
    if (stored.get().status() != DiscountCode.Status.ISSUED) {
      return orderId.equals(stored.get().consumedOrderId())
          ? new ConsumeResult(
              stored.get(), rewards.find(stored.get().rewardId()).orElseThrow(), List.of())
          : refusedCode(
              "CODE_ALREADY_USED", "This code was already used on another order.", "code");
    }
    Reward reward = rewards.find(stored.get().rewardId()).orElseThrow();
    // under the order's lock: another code consumed for this order has committed or not begun,
    // and so has a concurrent copy of this very call, which the code's locked state now shows
    codes.lockOrder(orderId, clock.instant());
    DiscountCode locked = codes.lock(code).orElseThrow();
    if (locked.status() != DiscountCode.Status.ISSUED) {
      return orderId.equals(locked.consumedOrderId())
          ? new ConsumeResult(locked, reward, List.of())
          : refusedUnderLock(
              UserError.of(
                  "CODE_ALREADY_USED",
                  "This code was already used on another order.",
                  "input",
                  "code"));
    }
    Optional<UserError> overLimit =
        limits.check(reward, code, orderId, orderSubtotal, subtotalCurrency);
    if (overLimit.isPresent()) {
      return refusedUnderLock(overLimit.get());
    }
    boolean won = codes.consume(code, orderId, clock.instant());
    DiscountCode now = codes.find(code).orElseThrow();
    if (!won && !orderId.equals(now.consumedOrderId())) {
      return refusedUnderLock(
          UserError.of(
              "CODE_ALREADY_USED",
              "This code was already used on another order.",
              "input",
              "code"));
    }
    return new ConsumeResult(now, reward, List.of());
  }

  /**
   * Consumes a code without the order's value: enough while no share limit applies (a share limit
   * then answers REQUIRED for orderSubtotal). Transactional itself: its call below bypasses the
   * proxy.
   */
  @Transactional
  public ConsumeResult consume(String typedCode, String orderId) {
    return consume(typedCode, orderId, null, null);
  }

  private static ConsumeResult refusedCode(String code, String message, String field) {
    return new ConsumeResult(null, null, List.of(UserError.of(code, message, "input", field)));
  }

  /**
   * A refusal once the order's lock row is written: this call's own transaction rolls back, so a
   * lock row it created does not outlive it (the lock is held until then all the same). Inside an
   * order's transaction the order decides, and it rolls back on any refused code.
   */
  private static ConsumeResult refusedUnderLock(UserError error) {
    TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
    if (transaction.isNewTransaction()) {
      transaction.setRollbackOnly();
    }
    return new ConsumeResult(null, null, List.of(error));
  }

  /**
   * Gives back the rewards used on an order that was refunded in full, each exactly once however
   * often the refund arrives: the points (a new lot), or the code itself, per the rules' policy.
   * Answers how many rewards were restored.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public int restoreRewardsOf(String orderId, EarningRules rules) {
    if (rules.rewardRestorePolicy() == RewardRestorePolicy.NONE) {
      return 0;
    }
    int restored = 0;
    for (DiscountCode code : codes.lockConsumedOn(orderId)) {
      if (rules.rewardRestorePolicy() == RewardRestorePolicy.REACTIVATE_CODE) {
        restored += codes.release(code.code(), orderId, DiscountCode.Status.ISSUED) ? 1 : 0;
      } else if (codes.release(code.code(), orderId, DiscountCode.Status.RESTORED)) {
        ledger.lockAndSettle(code.customerId());
        ledger.grant(
            code.customerId(),
            redemptions.costOfCode(code.code()),
            "RESTORE",
            code.code(),
            "restoration",
            "order " + orderId + " refunded in full",
            rules);
        restored++;
      }
    }
    return restored;
  }

  public Optional<DiscountCode> findCode(String code) {
    return codes.find(CodeGenerator.normalise(code));
  }

  private String issueCode(String customerId, String redemptionId, String rewardId) {
    for (int attempt = 0; attempt < 5; attempt++) {
      String code = CodeGenerator.next();
      if (codes.insert(code, customerId, redemptionId, rewardId, clock.instant())) {
        return code;
      }
    }
    throw new IllegalStateException("Could not draw a free discount code in 5 attempts");
  }
}
