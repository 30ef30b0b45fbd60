package org.loyaltygraph.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The harness's choice of database, with Docker and the two starters replaced: TEST_DB_URL wins,
 * then a container when Docker answers, then the embedded MariaDB; a failure to start is an error,
 * never a skipped suite. (The container itself needs a Docker engine, which CI here does not have;
 * {@code .ci/testcontainers-check} runs the suite through it where one can be served.)
 */
class TestDatabaseChoiceTest {

  private static final TestDatabase CONTAINER =
      TestDatabase.choose(
          Map.of("TEST_DB_URL", "jdbc:mysql://container:3306/test"), () -> false, null, null);
  private static final TestDatabase EMBEDDED =
      TestDatabase.choose(
          Map.of("TEST_DB_URL", "jdbc:mysql://embedded:3306/test"), () -> false, null, null);

  @Test
  void theEnvironmentWinsEvenWhenDockerAnswers() {
    TestDatabase db =
        TestDatabase.choose(
            Map.of(
                "TEST_DB_URL", "jdbc:mysql://db:3306/lg?sslMode=DISABLED",
                "TEST_DB_USER", "lg",
                "TEST_DB_PASSWORD", "secret"),
            () -> true,
            never("container"),
            never("embedded"));

    assertThat(db.kind()).isEqualTo("TEST_DB_URL");
    assertThat(db.url())
        .startsWith("jdbc:mysql://db:3306/lg?sslMode=DISABLED&")
        .contains("connectionTimeZone=UTC", "rewriteBatchedStatements=true");
    assertThat(db.user()).isEqualTo("lg");
    assertThat(db.password()).isEqualTo("secret");
  }

  @Test
  void theUserDefaultsToRootWithAnEmptyPassword() {
    TestDatabase db =
        TestDatabase.choose(Map.of("TEST_DB_URL", "jdbc:mysql://db/lg"), () -> false, null, null);

    assertThat(db.url()).startsWith("jdbc:mysql://db/lg?");
    assertThat(db.user()).isEqualTo("root");
    assertThat(db.password()).isEmpty();
  }

  @Test
  void withoutTheEnvironmentADockerHostGetsAContainer() {
    assertThat(
            TestDatabase.choose(
                Map.of("TEST_DB_URL", " "), () -> true, () -> CONTAINER, never("embedded")))
        .isSameAs(CONTAINER);
  }

  @Test
  void withoutDockerTheEmbeddedDatabaseRuns() {
    assertThat(TestDatabase.choose(Map.of(), () -> false, never("container"), () -> EMBEDDED))
        .isSameAs(EMBEDDED);
  }

  @Test
  void aDatabaseThatDoesNotStartFailsTheRun() {
    assertThatThrownBy(
            () ->
                TestDatabase.choose(
                    Map.of(),
                    () -> false,
                    never("container"),
                    () -> {
                      throw new IllegalStateException("No test database");
                    }))
        .hasMessageContaining("No test database");
  }

  @Test
  void theContainerRunsMySql84UnlessTheEnvironmentNamesAnImage() {
    assertThat(TestDatabase.containerImage(Map.of())).isEqualTo("mysql:8.4");
    assertThat(TestDatabase.containerImage(Map.of("TEST_DB_IMAGE", " "))).isEqualTo("mysql:8.4");
    assertThat(TestDatabase.containerImage(Map.of("TEST_DB_IMAGE", " mariadb:10.11 ")))
        .isEqualTo("mariadb:10.11");
  }

  private static Supplier<TestDatabase> never(String which) {
    return () -> {
      throw new AssertionError("the " + which + " database was started");
    };
  }
}
