package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The tier configuration over GraphQL, as the admin UI uses it. */
@LoyaltyGraphTest
class TierAdminTest {

  private static final String TIER_FIELDS =
      "tier { id name threshold pointsMultiplier freeShipping perks }"
          + " userErrors { field message code }";
  private static final String CREATE =
      "mutation($input: TierCreateInput!) { tierCreate(input: $input) { " + TIER_FIELDS + " } }";
  private static final String UPDATE =
      "mutation($input: TierUpdateInput!) { tierUpdate(input: $input) { " + TIER_FIELDS + " } }";
  private static final String DELETE =
      "mutation($input: TierDeleteInput!) { tierDelete(input: $input) { " + TIER_FIELDS + " } }";
  private static final String PROGRAM_UPDATE =
      "mutation($input: TierProgramUpdateInput!) { tierProgramUpdate(input: $input) {"
          + " tierProgram { basis window windowMonths downgradeGraceDays timeZone }"
          + " userErrors { field message code } } }";
  private static final String TIERS =
      "{ tiers { id name threshold pointsMultiplier freeShipping perks } }";
  private static final String PROGRAM =
      "{ tierProgram { basis window windowMonths downgradeGraceDays timeZone } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired AdminSessions adminSessions;
  @Autowired TierService tiers;
  @Autowired TransactionTemplate transactions;

  private TierProgramFixture program;
  private String manager;

  @BeforeEach
  void noTiersAndAManagerKey() {
    program = new TierProgramFixture(tiers);
    program.reset();
    manager = bearer(Role.MANAGER);
  }

  @AfterEach
  void backToDefaults() {
    program.reset();
  }

  @Test
  void anUnconfiguredProgramHasSensibleDefaults() {
    JsonNode read = send(PROGRAM, Map.of()).at("/tierProgram");

    assertThat(read.at("/basis").asString()).isEqualTo("SPEND");
    assertThat(read.at("/window").asString()).isEqualTo("ROLLING");
    assertThat(read.at("/windowMonths").asInt()).isEqualTo(12);
    assertThat(read.at("/downgradeGraceDays").asInt()).isEqualTo(30);
    assertThat(read.at("/timeZone").asString()).isEqualTo("UTC");
    assertThat(send(TIERS, Map.of()).at("/tiers").size()).isZero();
  }

  @Test
  void createdTiersAreListedLowestThresholdFirst() {
    JsonNode gold =
        send(
                CREATE,
                input(
                    "id",
                    program.id("gold"),
                    "name",
                    "Gold",
                    "threshold",
                    50_000,
                    "pointsMultiplier",
                    "1.50",
                    "freeShipping",
                    true,
                    "perks",
                    List.of("Early access to sales")))
            .at("/tierCreate");
    send(CREATE, input("id", program.id("silver"), "name", "Silver", "threshold", 10_000));

    assertThat(gold.at("/userErrors").size()).isZero();
    assertThat(gold.at("/tier/pointsMultiplier").asString()).isEqualTo("1.5");
    JsonNode list = send(TIERS, Map.of()).at("/tiers");
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.at("/0/id").asString()).isEqualTo(program.id("silver"));
    assertThat(list.at("/0/pointsMultiplier").asString()).isEqualTo("1");
    assertThat(list.at("/0/freeShipping").asBoolean()).isFalse();
    assertThat(list.at("/1/id").asString()).isEqualTo(program.id("gold"));
    assertThat(list.at("/1/freeShipping").asBoolean()).isTrue();
    assertThat(list.at("/1/perks/0").asString()).isEqualTo("Early access to sales");
  }

  @Test
  void updateChangesOnlyTheFieldsSent() {
    send(CREATE, input("id", program.id("gold"), "name", "Gold", "threshold", 50_000));

    JsonNode updated =
        send(
                UPDATE,
                input("id", program.id("gold"), "pointsMultiplier", "3", "perks", List.of("Gift")))
            .at("/tierUpdate");

    assertThat(updated.at("/userErrors").size()).isZero();
    assertThat(updated.at("/tier/name").asString()).isEqualTo("Gold");
    assertThat(updated.at("/tier/threshold").asLong()).isEqualTo(50_000);
    assertThat(updated.at("/tier/pointsMultiplier").asString()).isEqualTo("3");
    assertThat(updated.at("/tier/perks/0").asString()).isEqualTo("Gift");
  }

  @Test
  void deleteRemovesTheTier() {
    send(CREATE, input("id", program.id("gold"), "name", "Gold", "threshold", 50_000));

    JsonNode deleted = send(DELETE, input("id", program.id("gold"))).at("/tierDelete");

    assertThat(deleted.at("/userErrors").size()).isZero();
    assertThat(deleted.at("/tier").isNull()).isTrue();
    assertThat(send(TIERS, Map.of()).at("/tiers").size()).isZero();
  }

  @Test
  void programUpdateChangesOnlyTheFieldsSent() {
    JsonNode updated =
        send(
                PROGRAM_UPDATE,
                input("basis", "POINTS", "window", "CALENDAR_YEAR", "timeZone", "Europe/Paris"))
            .at("/tierProgramUpdate");

    assertThat(updated.at("/userErrors").size()).isZero();
    JsonNode read = send(PROGRAM, Map.of()).at("/tierProgram");
    assertThat(read.at("/basis").asString()).isEqualTo("POINTS");
    assertThat(read.at("/window").asString()).isEqualTo("CALENDAR_YEAR");
    assertThat(read.at("/timeZone").asString()).isEqualTo("Europe/Paris");
    assertThat(read.at("/downgradeGraceDays").asInt()).isEqualTo(30);
  }

  @Test
  void eachBadTierInputIsRefusedWithItsCodeAndWritesNothing() {
    send(CREATE, input("id", program.id("gold"), "name", "Gold", "threshold", 50_000));
    String before = send(TIERS, Map.of()).at("/tiers").toString();

    assertRefused(
        CREATE,
        input("id", program.id("gold"), "name", "Again", "threshold", 1),
        "DUPLICATE",
        "id");
    assertRefused(
        CREATE,
        input("id", program.id("other"), "name", "Other", "threshold", 50_000),
        "DUPLICATE",
        "threshold");
    assertRefused(
        CREATE,
        input("id", program.id("other"), "name", "Other", "threshold", -1),
        "INVALID",
        "threshold");
    assertRefused(
        CREATE, input("id", program.id("other"), "name", " ", "threshold", 1), "REQUIRED", "name");
    for (String multiplier : List.of("0.99", "10.01", "abc", "-2", "1e1")) {
      assertRefused(
          CREATE,
          input(
              "id",
              program.id("other"),
              "name",
              "Other",
              "threshold",
              1,
              "pointsMultiplier",
              multiplier),
          "INVALID",
          "pointsMultiplier");
    }
    assertRefused(
        UPDATE,
        input("id", program.id("gold"), "pointsMultiplier", "11"),
        "INVALID",
        "pointsMultiplier");
    assertRefused(UPDATE, input("id", program.id("nope"), "name", "X"), "UNKNOWN_TIER", "id");
    assertRefused(DELETE, input("id", program.id("nope")), "UNKNOWN_TIER", "id");

    assertThat(send(TIERS, Map.of()).at("/tiers").toString()).isEqualTo(before);
  }

  @Test
  void aThresholdTakenByAnotherTierIsRefusedOnUpdate() {
    send(CREATE, input("id", program.id("silver"), "name", "Silver", "threshold", 10_000));
    send(CREATE, input("id", program.id("gold"), "name", "Gold", "threshold", 50_000));

    assertRefused(
        UPDATE, input("id", program.id("gold"), "threshold", 10_000), "DUPLICATE", "threshold");

    JsonNode list = send(TIERS, Map.of()).at("/tiers");
    assertThat(list.at("/1/threshold").asLong()).isEqualTo(50_000);
  }

  @Test
  void eachBadProgramInputIsRefusedWithItsCodeAndWritesNothing() {
    String before = send(PROGRAM, Map.of()).toString();

    assertRefused(
        PROGRAM_UPDATE,
        input("timeZone", "Mars/Olympus", "basis", "POINTS"),
        "INVALID",
        "timeZone");
    assertRefused(PROGRAM_UPDATE, input("timeZone", "+02:00"), "INVALID", "timeZone");
    assertRefused(PROGRAM_UPDATE, input("windowMonths", 0), "INVALID", "windowMonths");
    assertRefused(PROGRAM_UPDATE, input("windowMonths", 37), "INVALID", "windowMonths");
    assertRefused(PROGRAM_UPDATE, input("downgradeGraceDays", -1), "INVALID", "downgradeGraceDays");

    assertThat(send(PROGRAM, Map.of()).toString()).isEqualTo(before);
  }

  @Test
  void analystsReadTiersButCannotChangeThem() {
    String analyst = bearer(Role.ANALYST);

    var read = graphql.send(analyst, TIERS, Map.of());
    var write =
        graphql.send(analyst, CREATE, input("id", program.id("x"), "name", "X", "threshold", 1));

    assertThat(read.errors().isEmpty()).isTrue();
    assertThat(write.errors().get(0).at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
    assertThat(tiers.tiers()).isEmpty();
  }

  private void assertRefused(
      String document, Map<String, Object> variables, String code, String field) {
    JsonNode payload = send(document, variables).iterator().next();
    assertThat(payload.at("/userErrors").size()).as(variables.toString()).isOne();
    assertThat(payload.at("/userErrors/0/code").asString())
        .as(variables.toString())
        .isEqualTo(code);
    assertThat(payload.at("/userErrors/0/field/1").asString()).isEqualTo(field);
    assertThat(payload.at("/tier").isMissingNode() || payload.at("/tier").isNull()).isTrue();
    assertThat(payload.at("/tierProgram").isMissingNode() || payload.at("/tierProgram").isNull())
        .isTrue();
  }

  @Test
  void aReadRacingATierWriteDoesNotKeepTheOldConfigurationAfterTheCommit() {
    assertThat(tiers.tiers()).isEmpty();

    transactions.executeWithoutResult(
        status -> {
          program.tier("silver", 500, "1.25");
          assertThat(readOnAnotherThread()).isEmpty(); // the committed configuration, cached
        });

    assertThat(tiers.tiers()).extracting(Tier::id).containsExactly(program.id("silver"));
  }

  private List<Tier> readOnAnotherThread() {
    try {
      return Concurrently.onAnotherThread(tiers::tiers);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode send(String document, Map<String, Object> variables) {
    return graphql.send(manager, document, variables).assertNoErrors().data();
  }

  private static Map<String, Object> input(Object... keysAndValues) {
    Map<String, Object> input = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      input.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Map.of("input", input);
  }

  private String bearer(Role role) {
    return adminSessions.bearer(role);
  }
}
