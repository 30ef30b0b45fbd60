package org.loyaltygraph.tier;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The JSON columns of the tier tables: a tier's perks, and tiers as they were in the history. */
final class TierJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private TierJson() {}

  static String perks(List<String> perks) {
    return JSON.writeValueAsString(perks);
  }

  static List<String> perks(String json) {
    return json == null || json.isBlank() ? List.of() : JSON.readValue(json, STRINGS);
  }

  static String tier(Tier tier) {
    return tier == null ? null : JSON.writeValueAsString(tier);
  }

  static Tier tier(String json) {
    return json == null ? null : JSON.readValue(json, Tier.class);
  }
}
