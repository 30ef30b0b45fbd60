package org.loyaltygraph.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The embedded database runs when enabled, unless a real database is named. */
class EmbeddedDatabaseWantedTest {

  @Test
  void theQuickStartRunsTheEmbeddedDatabase() {
    assertThat(wanted(new MockEnvironment().withProperty(ENABLED, "true"))).isTrue();
  }

  @Test
  void namingARealDatabaseIsTheOneSettingThatTurnsItOff() {
    MockEnvironment quickStartOnMySql =
        new MockEnvironment()
            .withProperty(ENABLED, "true")
            .withProperty("LOYALTYGRAPH_DB_URL", "jdbc:mysql://db.internal:3306/loyalty");

    assertThat(wanted(quickStartOnMySql)).isFalse();
    assertThat(
            wanted(
                new MockEnvironment()
                    .withProperty(ENABLED, "true")
                    .withProperty("LOYALTYGRAPH_DB_URL", " ")))
        .isTrue();
  }

  @Test
  void springsOwnVariableForTheUrlTurnsItOffToo() {
    assertThat(
            wanted(
                new MockEnvironment()
                    .withProperty(ENABLED, "true")
                    .withProperty("SPRING_DATASOURCE_URL", "jdbc:mysql://db.internal/loyalty")))
        .isFalse();
  }

  @Test
  void withoutTheDemoProfileItStaysOff() {
    assertThat(wanted(new MockEnvironment())).isFalse();
    assertThat(wanted(new MockEnvironment().withProperty(ENABLED, "false"))).isFalse();
  }

  private static final String ENABLED = "loyaltygraph.embedded-database.enabled";

  private static boolean wanted(MockEnvironment environment) {
    return EmbeddedDatabaseConfiguration.Wanted.wanted(environment);
  }
}
