package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The prime finder of "Concurrency in Go" 4.7 ({@link PrimeFinder}), over a small bound so that
 * the slow primality test stays quick: correctness only; the program prints the speed.
 */
class PrimeFinderTest {

    private static final int BOUND = 20_000;
    /** More finders than this machine's 2 processors, so the fan-out interleaves. */
    private static final int FINDERS = 4;

    private final List<Integer> drawn = new CopyOnWriteArrayList<>();

    @Test
    void isPrimeAgreesWithTrialDivisionUpToTheSquareRoot() {
        assertThat(IntStream.range(0, 2_000)
                        .filter(PrimeFinder::isPrime)
                        .boxed()
                        .toList())
                .isEqualTo(IntStream.range(0, 2_000)
                        .filter(PrimeFinderTest::prime)
                        .boxed()
                        .toList());
    }

    @Test
    void sequentialFinderOverChannelsFindsTheFirstTenPrimesDrawn() {
        assertThat(PrimeFinder.overChannels(rand(), 1)).isEqualTo(firstTenPrimes());
    }

    @Test
    void sequentialFinderWithReactorFindsTheFirstTenPrimesDrawn() {
        assertThat(PrimeFinder.withReactor(rand(), 1)).isEqualTo(firstTenPrimes());
    }

    @Test
    void fannedInFindersOverChannelsFindTenPrimesAmongTheDrawnInts() {
        List<Integer> found = PrimeFinder.overChannels(rand(), FINDERS);
        assertThat(found).hasSize(10).allMatch(PrimeFinderTest::prime);
        assertThat(drawn).containsAll(found);
    }

    @Test
    void fannedOutFindersWithReactorFindTenPrimesAmongTheDrawnInts() {
        List<Integer> found = PrimeFinder.withReactor(rand(), FINDERS);
        assertThat(found).hasSize(10).allMatch(PrimeFinderTest::prime);
        assertThat(drawn).containsAll(found);
    }

    @Test
    void orderedFanOutFindsTheSequentialPrimesInTheirOrderInBothForms() {
        assertThat(PrimeFinder.overChannelsOrdered(rand(), FINDERS)).isEqualTo(firstTenPrimes());
        assertThat(PrimeFinder.withReactorOrdered(rand(), FINDERS)).isEqualTo(firstTenPrimes());
    }

    /** The example's random ints for its seed, below {@link #BOUND}, noted in {@link #drawn}. */
    private Supplier<Integer> rand() {
        Supplier<Integer> rand = PrimeFinder.rand(PrimeFinder.SEED, BOUND);
        return () -> {
            int n = rand.get();
            drawn.add(n);
            return n;
        };
    }

    /** The first ten primes of the seed's sequence, found here without the example's code. */
    private static List<Integer> firstTenPrimes() {
        Random random = new Random(PrimeFinder.SEED);
        List<Integer> primes = new ArrayList<>();
        while (primes.size() < 10) {
            int n = random.nextInt(BOUND);
            if (prime(n)) {
                primes.add(n);
            }
        }
        return primes;
    }

    private static boolean prime(int n) {
        return n > 1 && IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0);
    }
}
