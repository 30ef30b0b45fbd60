package org.loyaltygraph.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.DiscountCode;
import org.loyaltygraph.points.EarningRules;
import org.loyaltygraph.points.RedemptionService;
import org.loyaltygraph.points.Reward;
import org.loyaltygraph.points.RewardService;
import org.springframework.stereotype.Component;

/**
 * The loyalty reward codes an order names ({@code rewardCodes}): what they take off the order, so
 * that it earns only on what was paid after them, and their consumption with the order, in its
 * transaction.
 */
@Component
class OrderRewards {

  static final int MAX_CODES = 10;

  private final RedemptionService redemptions;
  private final RewardService rewards;

  OrderRewards(RedemptionService redemptions, RewardService rewards) {
    this.redemptions = redemptions;
    this.rewards = rewards;
  }

  /** What the codes take off the lines and off shipping, in the order's currency. */
  record Deduction(long offLines, long offShipping, List<UserError> userErrors) {
    static final Deduction NONE = new Deduction(0, 0, List.of());

    long total() {
      return offLines + offShipping;
    }
  }

  /**
   * Values the order's codes in turn: an amount off (converted at the order's rate), a percentage
   * of the goods after the storefront's discounts, or the shipping; never more than is left.
   */
  Deduction value(OrderInput order, EarningRules rules) {
    if (order.rewardCodes().isEmpty()) {
      return Deduction.NONE;
    }
    if (order.rewardCodes().size() > MAX_CODES) {
      return refused("INVALID", "At most " + MAX_CODES + " reward codes.", null);
    }
    long goods = order.goodsAfterDiscounts();
    long room = goods;
    long offShipping = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < order.rewardCodes().size(); i++) {
      String typed = order.rewardCodes().get(i);
      Optional<DiscountCode> code =
          typed == null || typed.isBlank() ? Optional.empty() : redemptions.findCode(typed);
      if (code.isEmpty()) {
        return refused("UNKNOWN_CODE", "No reward code matches.", i);
      }
      if (!seen.add(code.get().code())) {
        return refused("INVALID", "A code appears twice.", i);
      }
      boolean usable =
          code.get().status() == DiscountCode.Status.ISSUED
              || (code.get().status() == DiscountCode.Status.CONSUMED
                  && order.id().equals(code.get().consumedOrderId()));
      if (!usable) {
        return refused("CODE_ALREADY_USED", "This code was used on another order.", i);
      }
      Reward reward = rewards.find(code.get().rewardId()).orElseThrow();
      long value =
          switch (reward.type()) {
            case AMOUNT_OFF ->
                reward.amountOff() == null
                    ? 0
                    : CurrencyConversion.fromBase(
                        reward.amountOff(),
                        order.currency(),
                        order.currency().equals(rules.baseCurrency()) ? null : order.exchangeRate(),
                        rules.baseCurrency());
            case PERCENT_OFF -> reward.percentOff() == null ? 0 : goods * reward.percentOff() / 100;
            case FREE_SHIPPING -> 0;
          };
      if (reward.type() == Reward.Type.FREE_SHIPPING) {
        offShipping = order.shipping();
      }
      long taken = Math.min(value, room);
      room -= taken;
    }
    return new Deduction(goods - room, offShipping, List.of());
  }

  /**
   * Consumes each code not consumed for this order yet, under the program's and the rewards' limits
   * on the order's value (before the rewards, in the base currency).
   */
  List<UserError> consume(OrderInput order, long baseGoods, String baseCurrency) {
    List<UserError> errors = new ArrayList<>();
    for (int i = 0; i < order.rewardCodes().size(); i++) {
      RedemptionService.ConsumeResult result =
          redemptions.consume(order.rewardCodes().get(i), order.id(), baseGoods, baseCurrency);
      for (UserError e : result.userErrors()) {
        errors.add(
            UserError.of(e.code(), e.message(), "input", "rewardCodes", Integer.toString(i)));
      }
    }
    return errors;
  }

  private static Deduction refused(String code, String message, Integer index) {
    UserError error =
        index == null
            ? UserError.of(code, message, "input", "rewardCodes")
            : UserError.of(code, message, "input", "rewardCodes", Integer.toString(index));
    return new Deduction(0, 0, List.of(error));
  }
}
