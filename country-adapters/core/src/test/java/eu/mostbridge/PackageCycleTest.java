package eu.mostbridge;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The adapter core's packages depend on each other one way only (identity and config at the bottom,
 * identity's identifier schemes, romanization and consistency above it; adapter, replay, fetch; the
 * SAML and OpenID Connect layers; national, the SPI of a national eID, on top). A new cycle fails
 * the build here.
 */
class PackageCycleTest {
  @Test
  void thePackagesOfTheAdapterCoreHaveNoCycle() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("eu.mostbridge");

    slices().matching("eu.mostbridge.(**)").should().beFreeOfCycles().check(core);
  }
}
