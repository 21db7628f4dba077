package io.github.chanflux.benchmarks.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.reactor.GoFlux;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The book's prime finder (4.7): the first ten primes among pseudo-random ints below
 * 2 000 000, tested by deliberately slow trial division; one op finds all ten. {@code
 * sequential} runs one finder, {@code fanOut} one per processor, fanned in. The candidates come
 * from the same 64-bit LCG as {@code benchmarks/go/primes_test.go}, so both languages test the
 * same numbers (the book's bound of 50 000 000 takes ~20 s per op). Contenders: {@code chan},
 * the book's goroutines and channels ({@link Patterns}); {@code reactor}, {@link GoFlux#fanOut}
 * on a virtual-thread scheduler. Every op waits until all its workers have stopped, so ops never
 * overlap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PrimeBench {

    static final int BOUND = 2_000_000;
    static final int PRIMES = 10;

    @Param({"chan", "reactor"})
    public String contender;

    /** The candidates: {@code state = state * 6364136223846793005 + 1442695040888963407}. */
    static Supplier<Integer> candidates() {
        long[] state = {47};
        return () -> {
            state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
            return (int) Long.remainderUnsigned(state[0] >>> 33, BOUND);
        };
    }

    static boolean isPrime(int n) {
        for (int divisor = n - 1; divisor > 1; divisor--) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return n > 1;
    }

    @Benchmark
    public long sequential() throws InterruptedException {
        return find(1);
    }

    @Benchmark
    public long fanOut() throws InterruptedException {
        return find(Runtime.getRuntime().availableProcessors());
    }

    private long find(int finders) throws InterruptedException {
        return contender.equals("chan") ? overChannels(finders) : withReactor(finders);
    }

    private static RecvChan<Integer> primeFinder(RecvChan<?> done, RecvChan<Integer> intStream) {
        Chan<Integer> primes = Chan.make();
        Go.go(() -> {
            try (primes) {
                for (Received<Integer> r = intStream.receive(); r.ok(); r = intStream.receive()) {
                    if (isPrime(r.value()) && !select(recv(done, x -> false), send(primes, r.value(), () -> true))) {
                        return;
                    }
                }
            }
        });
        return primes;
    }

    @SuppressWarnings("unchecked")
    private static long overChannels(int finders) throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> randInts = Patterns.repeatFn(done, candidates());
        List<RecvChan<Integer>> found = new ArrayList<>();
        for (int i = 0; i < finders; i++) {
            found.add(primeFinder(done, randInts));
        }
        RecvChan<Integer> primes = finders == 1 ? found.get(0) : Patterns.fanIn(done, found.toArray(RecvChan[]::new));
        long sum = 0;
        for (int p : Patterns.take(done, primes, PRIMES)) {
            sum += p;
        }
        done.close();
        for (Thread t : Go.running()) {
            t.join();
        }
        return sum;
    }

    private static long withReactor(int finders) throws InterruptedException {
        if (finders == 1) {
            return GoFlux.repeatFn(candidates())
                    .filter(PrimeBench::isPrime)
                    .transform(GoFlux.take(PRIMES))
                    .reduce(0L, Long::sum)
                    .block();
        }
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        Scheduler scheduler = Schedulers.fromExecutorService(workers);
        try {
            return GoFlux.repeatFn(candidates())
                    .transform(GoFlux.fanOut(finders, (Integer n) -> isPrime(n) ? n : -1, scheduler))
                    .filter(n -> n >= 0)
                    .transform(GoFlux.take(PRIMES))
                    .reduce(0L, Long::sum)
                    .block();
        } finally {
            scheduler.dispose();
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
