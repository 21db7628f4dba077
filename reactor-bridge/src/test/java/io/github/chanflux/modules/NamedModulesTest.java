package io.github.chanflux.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * chanflux-core and chanflux-reactor are named modules that resolve on the module path with
 * what they require, export their API and keep core's internal package for the reactor module
 * alone. (The suites themselves run on the class path.)
 */
class NamedModulesTest {

    /** The class-path entries of core, this module and their required libraries. */
    private static Path[] modulePath() {
        List<String> wanted = List.of(
                "core/target/classes",
                "chanflux-core",
                "reactor-bridge/target/classes",
                "reactor-core-",
                "reactive-streams-1");
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry ->
                        wanted.stream().anyMatch(w -> entry.replace('\\', '/').contains(w)))
                .filter(entry -> !entry.contains("tck"))
                .map(Path::of)
                .toArray(Path[]::new);
    }

    private static Configuration resolve(String root) {
        ModuleFinder finder = ModuleFinder.of(modulePath());
        return ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(root));
    }

    @Test
    void theReactorModuleResolvesWithCoreAndReactorOnTheModulePath() {
        Set<String> resolved = resolve("io.github.chanflux.reactor").modules().stream()
                .map(ResolvedModule::name)
                .collect(Collectors.toSet());
        assertThat(resolved)
                .contains(
                        "io.github.chanflux.reactor", "io.github.chanflux.core", "reactor.core", "org.reactivestreams");
    }

    @Test
    void coreExportsItsApiAndItsInternalPackageOnlyToTheReactorAndTestModules() {
        ModuleDescriptor core = resolve("io.github.chanflux.core")
                .findModule("io.github.chanflux.core")
                .orElseThrow()
                .reference()
                .descriptor();
        assertThat(core.requires()).extracting(ModuleDescriptor.Requires::name).containsExactly("java.base");
        assertThat(core.exports())
                .filteredOn(e -> !e.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder(
                        "io.github.chanflux.chan",
                        "io.github.chanflux.go",
                        "io.github.chanflux.time",
                        "io.github.chanflux.context",
                        "io.github.chanflux.errgroup",
                        "io.github.chanflux.rate",
                        "io.github.chanflux.pattern",
                        "io.github.chanflux.errors");
        assertThat(core.exports())
                .filteredOn(ModuleDescriptor.Exports::isQualified)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.source()).isEqualTo("io.github.chanflux.internal");
                    assertThat(e.targets())
                            .containsExactlyInAnyOrder("io.github.chanflux.reactor", "io.github.chanflux.test");
                });
    }
}
