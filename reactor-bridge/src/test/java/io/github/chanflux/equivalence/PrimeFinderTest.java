package io.github.chanflux.equivalence;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.reactor.GoFlux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.github.chanflux.equivalence.Channels.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's prime finder (4.7): random ints, a deliberately slow primality test, take 10;
 * sequential and fanned out to {@code availableProcessors()} finders, over channels and with
 * Reactor. Correctness only; the example program shows the speed.
 */
class PrimeFinderTest {

    private static final int BOUND = 20_000;
    private static final long SEED = 4_7L;
    private static final int CHECKED = 100;
    private static final int FINDERS = Runtime.getRuntime().availableProcessors();

    private final Chan<Void> done = Chan.make();
    private final List<Integer> drawn = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeDone() throws InterruptedException {
        Channels.close(done);
        Channels.assertAllEnded();
    }

    record Candidate(int n, boolean prime) {
    }

    /** Trial division by every number below {@code n}: slow on purpose, as in the book. */
    static boolean isPrime(int n) {
        for (int divisor = n - 1; divisor > 1; divisor--) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return n > 1;
    }

    private Supplier<Integer> rand() {
        Random random = new Random(SEED);
        return () -> {
            int n = random.nextInt(BOUND);
            drawn.add(n);
            return n;
        };
    }

    /** The book's primeFinder stage: passes on the primes of {@code intStream}. */
    private static RecvChan<Integer> primeFinder(RecvChan<?> done, RecvChan<Integer> intStream) {
        Chan<Integer> primeStream = Chan.make();
        Go.go(() -> {
            try (primeStream) {
                for (Received<Integer> r = intStream.receive(); r.ok(); r = intStream.receive()) {
                    if (isPrime(r.value()) && !primeStream.send(r.value(), done)) {
                        return;
                    }
                }
            }
        });
        return primeStream;
    }

    private static List<Integer> firstTenPrimes(long seed) {
        Random random = new Random(seed);
        List<Integer> primes = new ArrayList<>();
        while (primes.size() < 10) {
            int n = random.nextInt(BOUND);
            if (isPrime(n)) {
                primes.add(n);
            }
        }
        return primes;
    }

    @Test
    void sequentialFinderOverChannelsFindsTheFirstTenPrimesDrawn() {
        RecvChan<Integer> randIntStream = Patterns.repeatFn(done, rand());
        assertThat(drain(Patterns.take(done, primeFinder(done, randIntStream), 10))).isEqualTo(firstTenPrimes(SEED));
    }

    @Test
    void sequentialFinderWithReactorFindsTheFirstTenPrimesDrawn() {
        List<Integer> primes = GoFlux.repeatFn(rand()).filter(PrimeFinderTest::isPrime)
                .transform(GoFlux.take(10)).collectList().block();
        assertThat(primes).isEqualTo(firstTenPrimes(SEED));
    }

    @Test
    void fannedOutFindersOverChannelsFindTenPrimesAmongTheDrawnInts() {
        RecvChan<Integer> randIntStream = Patterns.repeatFn(done, rand());
        List<RecvChan<Integer>> finders = new ArrayList<>();
        for (int i = 0; i < FINDERS; i++) {
            finders.add(primeFinder(done, randIntStream));
        }
        @SuppressWarnings("unchecked")
        RecvChan<Integer> primes = Patterns.fanIn(done, finders.toArray(RecvChan[]::new));
        List<Integer> found = drain(Patterns.take(done, primes, 10));
        assertThat(found).hasSize(10).allMatch(PrimeFinderTest::isPrime);
        assertThat(drawn).containsAll(found);
    }

    @Test
    void fannedOutFindersWithReactorFindTenPrimesAmongTheDrawnInts() {
        List<Integer> found = GoFlux.repeatFn(rand())
                .transform(GoFlux.fanOut(FINDERS, n -> new Candidate(n, isPrime(n))))
                .filter(Candidate::prime).map(Candidate::n)
                .transform(GoFlux.take(10)).collectList().block();
        assertThat(found).hasSize(10).allMatch(PrimeFinderTest::isPrime);
        assertThat(drawn).containsAll(found);
    }

    @Test
    void orderedFanOutChecksTheDrawnIntsInDrawOrderInBothForms() {
        Function<Integer, Candidate> check = n -> new Candidate(n, isPrime(n));
        List<Candidate> overChannels = drain(Patterns.take(done,
                Patterns.fanOutOrdered(done, Patterns.repeatFn(done, rand()), FINDERS, check), CHECKED));
        List<Candidate> withReactor = GoFlux.repeatFn(rand())
                .transform(GoFlux.fanOutOrdered(FINDERS, check))
                .transform(GoFlux.take(CHECKED)).collectList().block();
        Random random = new Random(SEED);
        List<Candidate> sequential = Stream.generate(() -> random.nextInt(BOUND)).limit(CHECKED).map(check).toList();
        assertThat(overChannels).isEqualTo(withReactor).isEqualTo(sequential);
    }
}
