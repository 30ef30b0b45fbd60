package org.loyaltygraph.bulkimport;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every import test starts from: the service with its clock at 2026-07-15 and the standard
 * program, the worker (which the tests drive), a storefront, uploads over HTTP, the ledger tables,
 * and {@link #p}, a prefix that keeps each test's ids apart.
 */
abstract class ImportTestFixture {

  static final String ORDER_HEADER =
      "order_id,customer_id,placed_at,currency,line_id,sku,category,quantity,unit_price,discount\n";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired ImportWorker worker;
  @Autowired ImportProperties properties;
  @Autowired JdbcClient jdbc;
  @Autowired Environment env;

  Storefront shop;
  Uploads uploads;
  Ledger ledger;
  String p;

  @BeforeEach
  void startFromTheStandardProgram() {
    clock.set(Instant.parse("2026-07-15T00:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    uploads = new Uploads(Integer.parseInt(env.getProperty("local.server.port")), graphql);
    ledger = new Ledger(jdbc);
    p = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }
}
