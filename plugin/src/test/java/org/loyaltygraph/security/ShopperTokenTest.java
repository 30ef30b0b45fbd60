package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.ShopperTokens;
import org.springframework.beans.factory.annotation.Autowired;

@LoyaltyGraphTest
class ShopperTokenTest {

  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final String VIEWER = "{ viewer { role } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;

  @Test
  void aTokenSignedWithTheSharedSecretActsAsThatCustomer() {
    clock.set(NOW);

    var response = graphql.send(ShopperTokens.bearerFor("c-1", NOW), VIEWER, Map.of());

    assertThat(response.data().at("/viewer/role").asString()).isEqualTo("CUSTOMER");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsAnonymous() throws Exception {
    clock.set(NOW);
    String token =
        ShopperTokens.sign("c-1", NOW.plusSeconds(600), "another-secret-of-at-least-32-bytes!!");

    assertAnonymous("Bearer " + token);
  }

  @Test
  void anExpiredTokenIsAnonymous() {
    clock.set(NOW);

    assertAnonymous("Bearer " + ShopperTokens.sign("c-1", NOW, ShopperTokens.SECRET));
    assertAnonymous(
        "Bearer " + ShopperTokens.sign("c-1", NOW.minusSeconds(1), ShopperTokens.SECRET));
  }

  @Test
  void aTokenWithoutExpiryIsAnonymous() throws Exception {
    clock.set(NOW);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder().subject("c-1").issueTime(Date.from(NOW)).build());
    jwt.sign(new MACSigner(ShopperTokens.SECRET.getBytes(StandardCharsets.UTF_8)));

    assertAnonymous("Bearer " + jwt.serialize());
  }

  @Test
  void anUnsignedTokenIsAnonymous() {
    clock.set(NOW);
    PlainJWT jwt =
        new PlainJWT(
            new PlainHeader(),
            new JWTClaimsSet.Builder()
                .subject("c-1")
                .expirationTime(Date.from(NOW.plusSeconds(600)))
                .build());

    assertAnonymous("Bearer " + jwt.serialize());
  }

  private void assertAnonymous(String bearer) {
    var response = graphql.send(bearer, VIEWER, Map.of());
    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("UNAUTHENTICATED");
  }
}
