package org.loyaltygraph.demo;

import java.util.List;
import org.loyaltygraph.catalog.Product;
import org.loyaltygraph.points.Reward;
import org.loyaltygraph.tier.TierDraft;

/**
 * What the demo shop sells and offers: 60 products in 8 categories (USD minor units), the rewards
 * catalogue and the tiers. A general store, so that every kind of shopper finds something.
 */
final class DemoCatalogue {

  static final String CURRENCY = "USD";

  private DemoCatalogue() {}

  /** A product of the demo shop. */
  record Item(String sku, String name, String category, long price) {

    Product product() {
      return new Product(sku, name, category, price, CURRENCY, true, List.of(category), null, null);
    }
  }

  static final List<String> CATEGORIES =
      List.of(
          "apparel",
          "footwear",
          "home-kitchen",
          "beauty",
          "electronics",
          "outdoor",
          "books-stationery",
          "coffee-tea");

  static final List<Item> ITEMS =
      List.of(
          new Item("APP-TEE-ORG", "Organic cotton tee", "apparel", 2400),
          new Item("APP-HOODIE", "Heavyweight hoodie", "apparel", 5900),
          new Item("APP-JEANS-SLIM", "Slim selvedge jeans", "apparel", 7900),
          new Item("APP-RAIN-JKT", "Packable rain jacket", "apparel", 12900),
          new Item("APP-SOCKS-3", "Merino socks, 3 pairs", "apparel", 1400),
          new Item("APP-BEANIE", "Ribbed beanie", "apparel", 2200),
          new Item("APP-CHINOS", "Stretch chinos", "apparel", 6900),
          new Item("APP-LINEN-SHIRT", "Linen shirt", "apparel", 5400),
          new Item("FTW-RUN-ROAD", "Road running shoes", "footwear", 11900),
          new Item("FTW-RUN-TRAIL", "Trail running shoes", "footwear", 13900),
          new Item("FTW-SNEAKER", "Canvas sneakers", "footwear", 8900),
          new Item("FTW-SANDAL", "Leather sandals", "footwear", 4500),
          new Item("FTW-BOOT", "Waterproof hiking boots", "footwear", 17900),
          new Item("FTW-SLIPPER", "Wool slippers", "footwear", 3500),
          new Item("FTW-INSOLE", "Cushioned insoles", "footwear", 1900),
          new Item("HOM-KNIFE", "Chef's knife 8\"", "home-kitchen", 8900),
          new Item("HOM-SKILLET", "Cast-iron skillet", "home-kitchen", 4900),
          new Item("HOM-GRINDER", "Burr coffee grinder", "home-kitchen", 6900),
          new Item("HOM-PRESS", "French press", "home-kitchen", 3400),
          new Item("HOM-MUGS-4", "Stoneware mugs, set of 4", "home-kitchen", 2900),
          new Item("HOM-TOWELS", "Linen tea towels", "home-kitchen", 2600),
          new Item("HOM-CANDLE", "Scented soy candle", "home-kitchen", 1800),
          new Item("HOM-BOARD", "Walnut cutting board", "home-kitchen", 3900),
          new Item("BTY-SERUM", "Vitamin C face serum", "beauty", 3800),
          new Item("BTY-MOIST", "Daily moisturiser", "beauty", 3200),
          new Item("BTY-SHAMPOO", "Solid shampoo bar", "beauty", 1600),
          new Item("BTY-LIPBALM", "Lip balm", "beauty", 600),
          new Item("BTY-SPF50", "Mineral sunscreen SPF 50", "beauty", 1900),
          new Item("BTY-PERFUME", "Eau de parfum 50 ml", "beauty", 8500),
          new Item("BTY-HANDCREAM", "Hand cream", "beauty", 1200),
          new Item("ELC-EARBUDS", "Wireless earbuds", "electronics", 12900),
          new Item("ELC-SPEAKER", "Bluetooth speaker", "electronics", 7900),
          new Item("ELC-CASE", "Recycled phone case", "electronics", 2500),
          new Item("ELC-CHARGER", "65 W USB-C charger", "electronics", 3500),
          new Item("ELC-WATCH", "Fitness smartwatch", "electronics", 24900),
          new Item("ELC-POWERBANK", "Power bank 20,000 mAh", "electronics", 4500),
          new Item("ELC-EREADER", "E-reader", "electronics", 13900),
          new Item("ELC-CABLE", "Braided USB-C cable", "electronics", 1200),
          new Item("OUT-TENT-2P", "Two-person tent", "outdoor", 24900),
          new Item("OUT-SLEEPBAG", "Down sleeping bag", "outdoor", 14900),
          new Item("OUT-DAYPACK", "Daypack 24 l", "outdoor", 7900),
          new Item("OUT-BOTTLE", "Insulated bottle", "outdoor", 2900),
          new Item("OUT-HEADLAMP", "Rechargeable headlamp", "outdoor", 3900),
          new Item("OUT-STOVE", "Camping stove", "outdoor", 5900),
          new Item("OUT-POLES", "Trekking poles", "outdoor", 6900),
          new Item("BKS-NOTEBOOK", "Dotted notebook A5", "books-stationery", 1600),
          new Item("BKS-PEN", "Fountain pen", "books-stationery", 4500),
          new Item("BKS-COOKBOOK", "Weeknight cookbook", "books-stationery", 3200),
          new Item("BKS-PLANNER", "Weekly planner", "books-stationery", 2800),
          new Item("BKS-NOVEL", "Paperback novel", "books-stationery", 1800),
          new Item("BKS-GUIDE", "City travel guide", "books-stationery", 2400),
          new Item("BKS-SKETCH", "Sketchbook", "books-stationery", 2100),
          new Item("COF-BEANS-1KG", "Espresso beans 1 kg", "coffee-tea", 3200),
          new Item("COF-GREENTEA", "Sencha green tea", "coffee-tea", 1400),
          new Item("COF-CHOCOLATE", "Dark chocolate 72%", "coffee-tea", 800),
          new Item("COF-OLIVEOIL", "Extra virgin olive oil", "coffee-tea", 2200),
          new Item("COF-GRANOLA", "Maple granola", "coffee-tea", 900),
          new Item("COF-GIFTBOX", "Coffee lover's gift box", "coffee-tea", 5500),
          new Item("COF-HONEY", "Wildflower honey", "coffee-tea", 1200),
          new Item("COF-SPICES", "Spice set", "coffee-tea", 3400));

  /** The rewards catalogue: 1 point per 1.00 spent, so 500 points buy 5.00 off (1% back). */
  static List<Reward> rewards(String prefix) {
    return List.of(
        new Reward(
            prefix + "-reward-free-shipping",
            "Free shipping",
            "Free standard shipping on your next order.",
            300,
            Reward.Type.FREE_SHIPPING,
            null,
            null,
            null,
            true),
        new Reward(
            prefix + "-reward-5-off",
            "$5 off",
            "$5 off your next order.",
            500,
            Reward.Type.AMOUNT_OFF,
            500L,
            CURRENCY,
            null,
            true),
        new Reward(
            prefix + "-reward-10-off",
            "$10 off",
            "$10 off your next order.",
            900,
            Reward.Type.AMOUNT_OFF,
            1000L,
            CURRENCY,
            null,
            true),
        new Reward(
            prefix + "-reward-15-percent",
            "15% off",
            "15% off your next order.",
            1500,
            Reward.Type.PERCENT_OFF,
            null,
            null,
            15,
            true));
  }

  /** Spend over a rolling 12 months; thresholds in minor units of USD. */
  static List<TierDraft> tiers(String prefix) {
    return List.of(
        new TierDraft(
            prefix + "-bronze",
            "Bronze",
            0L,
            "1",
            false,
            List.of("Member-only prices", "Birthday treat")),
        new TierDraft(
            prefix + "-silver",
            "Silver",
            25_000L,
            "1.25",
            false,
            List.of("Member-only prices", "Birthday treat", "Early access to sales")),
        new TierDraft(
            prefix + "-gold",
            "Gold",
            75_000L,
            "1.5",
            true,
            List.of("Early access to sales", "Free shipping", "Extended 60-day returns")),
        new TierDraft(
            prefix + "-platinum",
            "Platinum",
            200_000L,
            "2",
            true,
            List.of(
                "Free express shipping",
                "Extended 60-day returns",
                "Priority support",
                "Invitations to member events")));
  }

  static final List<String> FIRST_NAMES =
      List.of(
          "Olivia",
          "Liam",
          "Emma",
          "Noah",
          "Ava",
          "Elijah",
          "Sophia",
          "James",
          "Isabella",
          "William",
          "Mia",
          "Benjamin",
          "Charlotte",
          "Lucas",
          "Amelia",
          "Henry",
          "Harper",
          "Theodore",
          "Evelyn",
          "Jack",
          "Abigail",
          "Levi",
          "Emily",
          "Alexander",
          "Ella",
          "Mateo",
          "Grace",
          "Daniel",
          "Chloe",
          "Michael",
          "Priya",
          "Wei",
          "Aisha",
          "Diego",
          "Yuki",
          "Omar",
          "Sofia",
          "Kofi",
          "Ingrid",
          "Rafael");

  static final List<String> LAST_NAMES =
      List.of(
          "Smith",
          "Johnson",
          "Williams",
          "Brown",
          "Jones",
          "Garcia",
          "Miller",
          "Davis",
          "Rodriguez",
          "Martinez",
          "Hernandez",
          "Lopez",
          "Gonzalez",
          "Wilson",
          "Anderson",
          "Thomas",
          "Taylor",
          "Moore",
          "Jackson",
          "Martin",
          "Lee",
          "Perez",
          "Thompson",
          "White",
          "Harris",
          "Sanchez",
          "Clark",
          "Ramirez",
          "Lewis",
          "Robinson",
          "Walker",
          "Young",
          "Allen",
          "King",
          "Wright",
          "Scott",
          "Nguyen",
          "Patel",
          "Kim",
          "Okafor");

  /** Where the shop's customers live, most of them in the United States. */
  static final List<String> TIME_ZONES =
      List.of(
          "America/New_York",
          "America/New_York",
          "America/New_York",
          "America/Chicago",
          "America/Chicago",
          "America/Denver",
          "America/Los_Angeles",
          "America/Los_Angeles",
          "America/Toronto",
          "Europe/London");
}
