package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.ApiKeyService;
import org.loyaltygraph.security.Permission;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.Storefront;
import org.springframework.beans.factory.annotation.Autowired;

/** What a supergraph router sees: the subgraph's SDL and Customer entities with their loyalty. */
@LoyaltyGraphTest
class FederationTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired ApiKeyService keys;

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
}
