package eu.mostbridge.broker;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The broker's packages depend on each other one way only: config, audit, country and web at the
 * bottom; client, keys and token above them; flow (the login's model, its stores and its steps);
 * state (the stores in Infinispan); national and login; the protocol fronts (authorize, logout,
 * discovery, userinfo) on top. The demo is another artifact, above all of them. A new cycle fails
 * the build here.
 */
class PackageCycleTest {
  @Test
  void thePackagesOfTheBrokerHaveNoCycle() {
    JavaClasses broker =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.mostbridge.broker");

    slices().matching("eu.mostbridge.broker.(**)").should().beFreeOfCycles().check(broker);
  }
}
