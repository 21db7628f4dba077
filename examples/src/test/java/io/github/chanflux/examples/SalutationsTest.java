package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link Salutations}: the book's fixed closure program, "Concurrency in Go" 3. */
class SalutationsTest {

    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void eachGoroutinePrintsItsOwnSalutationOnce() throws InterruptedException {
        Salutations.run(out::add);
        assertThat(out).containsExactlyInAnyOrder("hello", "greetings", "good day");
    }
}
