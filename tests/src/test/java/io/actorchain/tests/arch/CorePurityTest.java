package io.actorchain.tests.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * src/core stays pure (ARCHITECTURE.md, "Layers"): nothing in io.actorchain.core may touch Pekko.
 * The Maven enforcer bans the dependency; this rule checks the compiled classes, and proves it bites.
 */
class CorePurityTest {
  static ArchRule corePackageMayNotUsePekko(String corePackage) {
    return noClasses().that().resideInAPackage(corePackage + "..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
        .because("consensus rules live in src/core without Pekko (ARCHITECTURE.md, Layers)");
  }

  @Test
  void shouldKeepCoreFreeOfPekko() {
    JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.actorchain.core");
    assertThat(core.size()).as("core classes found").isGreaterThan(30);
    corePackageMayNotUsePekko("io.actorchain.core").check(core);
  }

  @Test
  void shouldBiteWhenAClassInThePackageUsesPekko() {
    JavaClasses impure = new ClassFileImporter().importClasses(ImpureFixture.class, ImpureFixture.Uses.class);
    EvaluationResult result = corePackageMayNotUsePekko(ImpureFixture.class.getPackageName()).evaluate(impure);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("org.apache.pekko");
  }
}
