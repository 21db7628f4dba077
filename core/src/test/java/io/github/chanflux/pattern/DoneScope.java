package io.github.chanflux.pattern;

import io.github.chanflux.chan.Chan;
import org.junit.jupiter.api.AfterEach;

/**
 * A test's {@code done} channel, closed after each test (if the test did not close it), after
 * which every goroutine the test started must have ended: the book's rule that whoever starts a
 * goroutine can stop it.
 */
abstract class DoneScope {

    final Chan<Void> done = Chan.make();

    @AfterEach
    void closeDone() throws InterruptedException {
        if (done.tryReceive() == null) {
            done.close();
        }
        Goroutines.assertAllEnded();
    }
}
