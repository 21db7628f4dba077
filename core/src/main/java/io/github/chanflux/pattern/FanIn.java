package io.github.chanflux.pattern;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.SendChan;
import io.github.chanflux.go.Go;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Bridge (4.10) and fan-out/fan-in (4.7); see {@link Patterns}. */
final class FanIn {

    private FanIn() {}

    static <T> RecvChan<T> bridge(RecvChan<?> done, RecvChan<? extends RecvChan<T>> chanStream) {
        Objects.requireNonNull(chanStream, "chanStream");
        return Patterns.start(done, out -> {
            for (Received<? extends RecvChan<T>> s = chanStream.receive(done); s.ok(); s = chanStream.receive(done)) {
                if (!forward(done, s.value(), out)) {
                    return;
                }
            }
        });
    }

    static <T> RecvChan<T> fanIn(RecvChan<?> done, List<? extends RecvChan<? extends T>> channels) {
        Objects.requireNonNull(done, "done");
        Chan<T> multiplexed = Chan.make();
        if (channels.isEmpty()) {
            multiplexed.close();
            return multiplexed;
        }
        AtomicInteger running = new AtomicInteger(channels.size());
        for (RecvChan<? extends T> c : channels) {
            Go.go(() -> {
                try {
                    forward(done, c, multiplexed);
                } finally {
                    if (running.decrementAndGet() == 0) {
                        multiplexed.close();
                    }
                }
            });
        }
        return multiplexed;
    }

    static <T, R> RecvChan<R> fanOut(
            RecvChan<?> done, RecvChan<T> in, int workers, Function<? super T, ? extends R> fn) {
        checkWorkers(workers);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        List<RecvChan<R>> finders = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            finders.add(Patterns.stage(done, in, fn));
        }
        return fanIn(done, finders);
    }

    static void checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("fan-out needs workers >= 1, got " + workers);
        }
    }

    /**
     * Sends every value of {@code in} to {@code out} until {@code in} closes (true) or
     * {@code done} closes (false).
     */
    private static <T> boolean forward(RecvChan<?> done, RecvChan<? extends T> in, SendChan<T> out)
            throws InterruptedException {
        for (Received<? extends T> r = in.receive(done); r.ok(); r = in.receive(done)) {
            if (!out.send(r.value(), done)) {
                return false;
            }
        }
        return done.tryReceive() == null;
    }
}
