package io.github.chanflux.chan;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the non-blocking channel operations (trySend, tryReceive, close, len) on a
 * buffered channel, checked by Lincheck with stress and model-checking strategies against the
 * channel run sequentially. Blocking send/receive are not in the scenarios: Lincheck defines
 * linearizability for blocking operations only as Kotlin suspend functions (dual data
 * structures); a parked Java thread would read as a hang. {@link ChanStressTest} covers them.
 */
public class ChanLincheckTest {

    private final Chan<Integer> ch = Chan.make(2);

    @Operation
    public boolean trySend(int value) {
        return ch.trySend(value);
    }

    @Operation
    public String tryReceive() {
        Received<Integer> r = ch.tryReceive();
        return r == null ? "empty" : r.ok() ? "value " + r.value() : "closed";
    }

    @Operation
    public String close() {
        try {
            ch.close();
            return "closed";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Operation
    public int len() {
        return ch.len();
    }

    @Test
    void stress() {
        new StressOptions().iterations(15).invocationsPerIteration(500).check(getClass());
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(15).invocationsPerIteration(300).check(getClass());
    }
}
