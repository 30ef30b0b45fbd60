package org.loyaltygraph;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a feature module. Spring Modulith fails this test on a dependency cycle
 * between features or on a use of another feature's internals.
 */
class ModuleBoundariesTest {

  @Test
  void featuresDependOnEachOtherWithoutCycles() {
    // org.loyaltygraph.schema.* is generated from the schema (graphql-schema's jar): the public
    // contract every feature maps to at its edge, not a feature, so it is left out of the analysis.
    ApplicationModules modules =
        ApplicationModules.of(
            LoyaltyGraphApplication.class,
            JavaClass.Predicates.resideInAPackage("org.loyaltygraph.schema.."));
    modules.forEach(System.out::println);
    modules.verify();
  }
}
