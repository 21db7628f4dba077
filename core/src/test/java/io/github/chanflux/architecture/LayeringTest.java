package io.github.chanflux.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core is layered as Go's standard library is: {@code chan} → {@code go} (spawning goroutines
 * and their registry) → {@code time} → {@code context} → {@code errgroup}, {@code rate},
 * {@code pattern}, {@code errors}. Each layer imports only those below it, and no package
 * depends on itself through others.
 */
class LayeringTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.chanflux");

    @Test
    void noPackageCycles() {
        slices().matching("io.github.chanflux.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void eachLayerImportsOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("chan")
                .definedBy("io.github.chanflux.chan..")
                .layer("go")
                .definedBy("io.github.chanflux.go..")
                .layer("time")
                .definedBy("io.github.chanflux.time..")
                .layer("context")
                .definedBy("io.github.chanflux.context..")
                .layer("top")
                .definedBy(
                        "io.github.chanflux.errgroup..",
                        "io.github.chanflux.rate..",
                        "io.github.chanflux.pattern..",
                        "io.github.chanflux.errors..")
                .whereLayer("top")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("context")
                .mayOnlyBeAccessedByLayers("top")
                .whereLayer("time")
                .mayOnlyBeAccessedByLayers("context", "top")
                .whereLayer("go")
                .mayOnlyBeAccessedByLayers("time", "context", "top")
                .whereLayer("chan")
                .mayOnlyBeAccessedByLayers("go", "time", "context", "top")
                .check(CORE);
    }
}
