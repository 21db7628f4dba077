package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class TourTest {

    private final ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();

    @Test
    void theListNamesEveryExampleWithItsSection() {
        Tour.list(out::add);
        List<String> lines = List.copyOf(out);
        assertThat(lines).hasSize(Tour.EXAMPLES.size() + 1);
        for (Tour.Example e : Tour.EXAMPLES) {
            assertThat(lines).anyMatch(l -> l.contains(e.name()) && l.contains(e.section()));
        }
    }

    @Test
    void namesAreShortStableAndUnique() {
        assertThat(Tour.EXAMPLES)
                .extracting(Tour.Example::name)
                .doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void anUnknownNameIsRejectedNamingIt() {
        assertThatThrownBy(() -> Tour.main(new String[] {"no-such-example", "true"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no example named \"no-such-example\"");
    }

    /** The whole tour on fake time: every program runs to its end and prints what the book shows. */
    @Test
    void theWholeTourRunsOnFakeTime() throws Exception {
        for (Tour.Example e : Tour.EXAMPLES) {
            Tour.run(e, true, out::add);
        }
        List<String> lines = List.copyOf(out);
        for (Tour.Example e : Tour.EXAMPLES) {
            assertThat(lines).contains("== " + e.name() + " (" + e.section() + "): " + e.description());
        }
        assertThat(lines)
                .contains(
                        "first answer: fast replica",
                        "Canceling doWork goroutine...",
                        "6",
                        "10",
                        "14",
                        "18",
                        "Done.",
                        "Too many errors, breaking!");
        assertThat(lines)
                .filteredOn(l -> l.endsWith("ReadFile") || l.endsWith("ResolveAddress"))
                .hasSize(60); // rate-limit, api-unlimited and api-one-per-second: 20 calls each
        assertThat(lines).filteredOn(l -> l.startsWith("Search took:")).hasSize(6);
    }
}
