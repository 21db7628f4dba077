package io.github.chanflux.benchmarks.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InJvmABTest {

    /** chanflux-core's classes, built before this module. */
    private static final String CORE = Path.of("../core/target/classes").toString();

    @Test
    void comparesABuildWithItselfInTwoChildJvms() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            InJvmAB.main(new String[] {CORE, CORE, "rounds=2", "batch=0.05", "unbuffered"});
        } finally {
            System.setOut(out);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("2 rounds of 0.05 s").contains("head/base");
        String row = report.lines()
                .filter(l -> l.startsWith("unbuffered "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no unbuffered row in:\n" + report));
        String[] columns = row.trim().split("\\s+");
        double headOverBase = Double.parseDouble(columns[columns.length - 2]);
        double bias = Double.parseDouble(columns[columns.length - 1]);
        assertThat(headOverBase).isPositive();
        assertThat(bias).isPositive();
    }

    /** Each workload, on this module's own core, runs its operations to the end once. */
    @Test
    void everyWorkloadRunsToTheEnd() throws InterruptedException {
        for (String name : AbWorkloads.NAMES) {
            assertThat(AbWorkloads.run(name)).as("%s, ns per operation", name).isPositive();
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> InJvmAB.main(new String[] {CORE}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage: InJvmAB BASE_CLASSES HEAD_CLASSES");
        assertThatThrownBy(() -> InJvmAB.main(new String[] {"target/nowhere", CORE}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "BASE_CLASSES must be a chanflux-core classes directory or jar, got target/nowhere");
        assertThatThrownBy(() -> InJvmAB.main(new String[] {CORE, CORE, "rounds=0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rounds must be at least 1, got 0");
        assertThatThrownBy(() -> InJvmAB.main(new String[] {CORE, CORE, "batch=-1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must be a positive number of seconds, got batch=-1");
        assertThatThrownBy(() -> InJvmAB.main(new String[] {CORE, CORE, "pingpong"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown workload 'pingpong'; known: [pingPong, pingPongOrDone, unbuffered");
        assertThatThrownBy(() -> AbWorkloads.run("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown workload 'nope'");
    }
}
