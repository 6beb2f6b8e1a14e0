package eu.mostbridge.simulator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The simulators' packages depend on each other one way only (personas and keys at the bottom; the
 * HTTP pages, the XML helpers, the SAML and OpenID providers, the national profiles, the
 * stand-alone entry point on top). A new cycle fails the build here.
 */
class PackageCycleTest {
  @Test
  void thePackagesOfTheSimulatorsHaveNoCycle() {
    JavaClasses simulators =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("eu.mostbridge.simulator");

    slices().matching("eu.mostbridge.simulator.(**)").should().beFreeOfCycles().check(simulators);
  }
}
