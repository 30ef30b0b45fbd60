package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.security.ApiKeyService;
import org.loyaltygraph.security.Permission;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.StatementRecorder;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What a supergraph router sees: the subgraph's SDL and Customer entities with their loyalty. */
@LoyaltyGraphTest
class FederationTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired ApiKeyService keys;
  @Autowired Clock clock;
  @Autowired EarningRulesService rules;

  @Test
  void aRouterReadsTheSubgraphSdlAndResolvesCustomersButNothingElse() {
    String router =
        "Bearer " + keys.issue("router", Role.ROUTER, EnumSet.noneOf(Permission.class)).key();
    String customer = new Storefront(graphql).newCustomer();

    String sdl =
        graphql
            .send(router, "{ _service { sdl } }", Map.of())
            .assertNoErrors()
            .data()
            .at("/_service/sdl")
            .asString();
    var entity =
        graphql
            .send(
                router,
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id loyalty { points { available } } } } }",
                Map.of("r", List.of(Map.of("__typename", "Customer", "id", customer))))
            .assertNoErrors()
            .data();
    var denied =
        graphql.send(
            router, "query($id: ID!) { customer(id: $id) { id } }", Map.of("id", customer));

    assertThat(sdl).contains("type Customer @key(fields : \"id\"").contains("loyalty: Loyalty!");
    assertThat(entity.at("/_entities/0/id").asString()).isEqualTo(customer);
    assertThat(entity.at("/_entities/0/loyalty/points/available").asLong()).isZero();
    assertThat(denied.errors().get(0).at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
  }

  @Test
  void manyEntitiesReadTheirPointsAndLotsInOneStatementEach() {
    String router =
        "Bearer " + keys.issue("router", Role.ROUTER, EnumSet.noneOf(Permission.class)).key();
    TestProgram.standard(rules); // a point a dollar
    Storefront shop = new Storefront(graphql);
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String customer = shop.newCustomer();
      shop.buy(customer, clock.instant(), 1_000 * (i + 1), 1);
      customers.add(customer);
    }
    List<Map<String, String>> representations =
        customers.stream().map(id -> Map.of("__typename", "Customer", "id", id)).toList();
    JsonNode[] entities = new JsonNode[1];

    List<String> statements =
        StatementRecorder.during(
            () ->
                entities[0] =
                    graphql
                        .send(
                            router,
                            "query($r: [_Any!]!) { _entities(representations: $r) {"
                                + " ... on Customer { id profile { email } loyalty { tier { name }"
                                + " points { available pending pendingReleases { points } } } } } }",
                            Map.of("r", representations))
                        .assertNoErrors()
                        .data()
                        .path("_entities"));

    for (int i = 0; i < customers.size(); i++) {
      assertThat(entities[0].at("/" + i + "/id").asString()).isEqualTo(customers.get(i));
      assertThat(entities[0].at("/" + i + "/profile/email").asString())
          .isEqualTo(customers.get(i) + "@example.com");
      assertThat(entities[0].at("/" + i + "/loyalty/points/pending").asLong())
          .isEqualTo(10L * (i + 1));
    }
    // the summaries' reads (the scheduled points job, which the recorder hears too, reads others)
    assertThat(
            statements.stream()
                .filter(
                    sql ->
                        sql.contains("lifetime_earned FROM points_account WHERE customer_id IN")))
        .hasSize(1);
    assertThat(
            statements.stream().filter(sql -> sql.contains("FROM points_lot WHERE customer_id IN")))
        .hasSize(1);
  }
}
