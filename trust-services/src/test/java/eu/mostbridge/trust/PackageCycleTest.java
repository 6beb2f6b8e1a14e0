package eu.mostbridge.trust;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The validator's packages depend on each other one way only: config and audit at the bottom; lists
 * (the trusted lists) above them; validation (DSS, the summary); health, api and web (the page,
 * which reads uploads as the API does) on top. A new cycle fails the build here.
 */
class PackageCycleTest {
  @Test
  void thePackagesOfTheValidatorHaveNoCycle() {
    JavaClasses validator =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("eu.mostbridge.trust");

    slices().matching("eu.mostbridge.trust.(**)").should().beFreeOfCycles().check(validator);
  }
}
