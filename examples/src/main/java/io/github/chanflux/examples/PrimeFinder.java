package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;
import static io.github.chanflux.pattern.Patterns.fanIn;
import static io.github.chanflux.pattern.Patterns.fanOutOrdered;
import static io.github.chanflux.pattern.Patterns.filter;
import static io.github.chanflux.pattern.Patterns.repeatFn;
import static io.github.chanflux.pattern.Patterns.stage;
import static io.github.chanflux.pattern.Patterns.take;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.reactor.GoFlux;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * The prime finder of "Concurrency in Go" 4.7: random ints below 50,000,000, a deliberately slow
 * primality test, the first ten primes. Run sequentially, then fanned out to one finder per
 * processor, over channels and with Reactor. Fanned out, the primes come in a different order
 * (naive fan-in does not keep it) and the search takes a fraction of the time; the ordered
 * fan-out finds the sequential search's primes, in its order.
 *
 * <p>The output and timings differ from the book's on purpose. The book's {@code primeFinder}
 * has a bug: on a divisor its inner loop only {@code continue}s itself, so every random int
 * passes as a "prime" (its lists hold even numbers such as {@code 24941318}), and its searches
 * take 130 ms and 3 ms. This port tests primality for real ({@link #isPrime}), so it prints
 * actual primes and the slow stage the book meant to show takes seconds, fanning out included.
 */
public final class PrimeFinder {

    static final long SEED = 4_7L;
    private static final int BOUND = 50_000_000;
    private static final int PRIMES = 10;

    private PrimeFinder() {}

    record Candidate(int n, boolean prime) {}

    /** Trial division by every number below {@code n}: slow on purpose, as the book means it (without its bug). */
    static boolean isPrime(int n) {
        for (int divisor = n - 1; divisor > 1; divisor--) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return n > 1;
    }

    /** Random ints in {@code [0, bound)}, the same sequence for the same {@code seed}. */
    static Supplier<Integer> rand(long seed, int bound) {
        Random random = new Random(seed);
        return () -> random.nextInt(bound);
    }

    /** The book's primeFinder stage: passes on the primes of {@code intStream}. */
    static RecvChan<Integer> primeFinder(RecvChan<?> done, RecvChan<Integer> intStream) {
        Chan<Integer> primeStream = Chan.make();
        Go.go(() -> {
            try (primeStream) {
                for (Received<Integer> r = intStream.receive(); r.ok(); r = intStream.receive()) {
                    if (isPrime(r.value())
                            && !select(recv(done, x -> false), send(primeStream, r.value(), () -> true))) {
                        return;
                    }
                }
            }
        });
        return primeStream;
    }

    /** The first ten primes of {@code rand}, found by {@code finders} primeFinders and fanned in. */
    static List<Integer> overChannels(Supplier<Integer> rand, int finders) {
        Chan<Void> done = Chan.make();
        try (done) {
            RecvChan<Integer> randIntStream = repeatFn(done, rand);
            List<RecvChan<Integer>> found = new ArrayList<>();
            for (int i = 0; i < finders; i++) {
                found.add(primeFinder(done, randIntStream));
            }
            @SuppressWarnings("unchecked")
            RecvChan<Integer> primes = fanIn(done, found.toArray(RecvChan[]::new));
            List<Integer> result = new ArrayList<>();
            take(done, primes, PRIMES).forEach(result::add);
            return result;
        }
    }

    /** The first ten primes of {@code rand}, checked by {@code finders} workers in draw order. */
    static List<Integer> overChannelsOrdered(Supplier<Integer> rand, int finders) {
        Chan<Void> done = Chan.make();
        try (done) {
            RecvChan<Candidate> checked = fanOutOrdered(done, repeatFn(done, rand), finders, PrimeFinder::check);
            RecvChan<Integer> primes = stage(done, filter(done, checked, Candidate::prime), Candidate::n);
            List<Integer> result = new ArrayList<>();
            take(done, primes, PRIMES).forEach(result::add);
            return result;
        }
    }

    /** {@link #overChannels} with Reactor: a filter for one finder, {@code fanOut} for more. */
    static List<Integer> withReactor(Supplier<Integer> rand, int finders) {
        Flux<Integer> randInts = GoFlux.repeatFn(rand);
        Flux<Integer> primes = finders == 1
                ? randInts.filter(PrimeFinder::isPrime)
                : randInts.transform(GoFlux.fanOut(finders, PrimeFinder::check))
                        .filter(Candidate::prime)
                        .map(Candidate::n);
        return primes.transform(GoFlux.take(PRIMES)).collectList().block();
    }

    /** {@link #overChannelsOrdered} with Reactor's {@code fanOutOrdered}. */
    static List<Integer> withReactorOrdered(Supplier<Integer> rand, int finders) {
        return GoFlux.repeatFn(rand)
                .transform(GoFlux.fanOutOrdered(finders, PrimeFinder::check))
                .filter(Candidate::prime)
                .map(Candidate::n)
                .transform(GoFlux.take(PRIMES))
                .collectList()
                .block();
    }

    private static Candidate check(int n) {
        return new Candidate(n, isPrime(n));
    }

    private interface Search {
        List<Integer> find(Supplier<Integer> rand, int finders);
    }

    private static void search(Consumer<String> out, int bound, String title, Search finder, int finders) {
        out.accept(title);
        if (finders > 1) {
            out.accept("Spinning up " + finders + " prime finders.");
        }
        long start = System.nanoTime();
        List<Integer> primes = finder.find(rand(SEED, bound), finders);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        primes.forEach(p -> out.accept("\t" + p));
        out.accept("Search took: " + took.toMillis() + "ms");
    }

    public static void main(String[] args) {
        run(System.out::println, BOUND);
    }

    /** The six searches for primes below {@code bound}, printing through {@code out}. */
    static void run(Consumer<String> out, int bound) {
        int cpus = Runtime.getRuntime().availableProcessors();
        search(out, bound, "Primes (channels, sequential):", PrimeFinder::overChannels, 1);
        search(out, bound, "Primes (channels, fan-out/fan-in):", PrimeFinder::overChannels, cpus);
        search(out, bound, "Primes (channels, ordered fan-out):", PrimeFinder::overChannelsOrdered, cpus);
        search(out, bound, "Primes (Reactor, sequential):", PrimeFinder::withReactor, 1);
        search(out, bound, "Primes (Reactor, fanOut):", PrimeFinder::withReactor, cpus);
        search(out, bound, "Primes (Reactor, fanOutOrdered):", PrimeFinder::withReactorOrdered, cpus);
    }
}
