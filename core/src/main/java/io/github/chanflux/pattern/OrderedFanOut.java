package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Fan-out keeping input order, see {@link Patterns#fanOutOrdered}: a dispatcher pairs each
 * value with a one-slot result channel, gives the pair to a worker, and queues the result
 * channel (at most {@code workers} queued); {@link Patterns#bridge} reads the results in order.
 * A worker that fails closes its value's result channel (so the bridge passes over it) and
 * ends; once every worker has ended, the dispatcher stops too, so the output closes instead of
 * waiting for a worker that will never come.
 */
final class OrderedFanOut {

    private record Job<T, R>(T value, Chan<R> result) {}

    private OrderedFanOut() {}

    static <T, R> RecvChan<R> fanOutOrdered(
            RecvChan<?> done, RecvChan<T> in, int workers, Function<? super T, ? extends R> fn) {
        FanIn.checkWorkers(workers);
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        Chan<Job<T, R>> jobs = Chan.make();
        Chan<RecvChan<R>> results = Chan.make(workers);
        Chan<Void> workersGone = Chan.make();
        AtomicInteger running = new AtomicInteger(workers);
        for (int i = 0; i < workers; i++) {
            Go.go(() -> {
                try {
                    work(done, jobs, fn);
                } finally {
                    if (running.decrementAndGet() == 0) {
                        workersGone.close();
                    }
                }
            });
        }
        Go.go(() -> dispatch(done, in, jobs, results, workersGone));
        return Patterns.bridge(done, results);
    }

    private static <T, R> void dispatch(
            RecvChan<?> done,
            RecvChan<T> in,
            Chan<Job<T, R>> jobs,
            Chan<RecvChan<R>> results,
            RecvChan<Void> workersGone)
            throws InterruptedException {
        try (jobs;
                results) {
            for (Received<T> r = in.receive(done); r.ok(); r = in.receive(done)) {
                Chan<R> result = Chan.make(1);
                if (!results.send(result, done)) {
                    return;
                }
                boolean handedOut = select(
                        send(jobs, new Job<>(r.value(), result), () -> true),
                        recv(done, d -> false),
                        recv(workersGone, g -> false));
                if (!handedOut) {
                    result.close(); // queued but never to be filled: the bridge passes over it
                    return;
                }
            }
        }
    }

    private static <T, R> void work(RecvChan<?> done, RecvChan<Job<T, R>> jobs, Function<? super T, ? extends R> fn)
            throws InterruptedException {
        for (Received<Job<T, R>> j = jobs.receive(done); j.ok(); j = jobs.receive(done)) {
            try (Chan<R> result = j.value().result()) {
                result.send(Objects.requireNonNull(fn.apply(j.value().value()), "fanOutOrdered value"));
            }
        }
    }
}
