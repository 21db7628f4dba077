package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link Confinement}: the three programs of 4.1 print what the book's print. */
class ConfinementTest {

    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void adHocLoopDataSendsEveryElementOfData() {
        Confinement.adHoc(out::add);
        assertThat(out).containsExactly("0", "0", "0", "0");
    }

    @Test
    void lexicalConsumerReceivesWhatTheOwnerSends() {
        Confinement.lexical(out::add);
        assertThat(out)
                .containsExactly(
                        "Received: 0",
                        "Received: 1",
                        "Received: 2",
                        "Received: 3",
                        "Received: 4",
                        "Received: 5",
                        "Done receiving!");
    }

    @Test
    void eachGoroutinePrintsItsOwnHalfOfGolang() throws InterruptedException {
        Confinement.printDataSplit(out::add);
        assertThat(out).containsExactlyInAnyOrder("gol", "ang");
    }
}
