package io.github.chanflux.rate;

import static io.github.chanflux.rate.LimiterAllowTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bucket's shortcut for a bucket within one token of full ({@link Bucket#tokensAt}): it must
 * give exactly what Go's refill arithmetic gives, which a model of that arithmetic checks on
 * random limits, bursts and call times clustered around the one-token span.
 */
class BucketRefillTest {

    private static final double[] LIMITS = {
        1e-9, 1e-3, 1.0 / 3, 0.3, 1, 3, 7, 10, 1e3, 333_333.3, 999_999_999.5, 1e9, 3e9, 1e15
    };

    @Test
    void theOneTokenSpanRefillsAtLeastOneToken() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            Limit limit = Limit.of(i < LIMITS.length ? LIMITS[i] : Math.pow(10, random.nextDouble(-9, 15)));
            long span = limit.nanosForOneToken();
            assertThat(span).as("%s", limit).isPositive();
            if (span != Long.MAX_VALUE) {
                assertThat(limit.tokensFromNanos(span)).as("%s", limit).isGreaterThanOrEqualTo(1);
            }
        }
        assertThat(Limit.of(0).nanosForOneToken()).isEqualTo(Long.MAX_VALUE);
        assertThat(Limit.of(1).nanosForOneToken()).isEqualTo(1_000_000_000L);
        assertThat(Limit.of(1e9).nanosForOneToken()).isEqualTo(1);
        assertThat(Limit.of(3).nanosForOneToken())
                .as("the shortest: one nanosecond less refills less than a token")
                .satisfies(span ->
                        assertThat(Limit.of(3).tokensFromNanos(span - 1)).isLessThan(1));
    }

    @Test
    void tokensAreExactlyGosArithmetic() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 2_000; run++) {
            Limit limit = Limit.of(run < LIMITS.length ? LIMITS[run] : Math.pow(10, random.nextDouble(-3, 10)));
            int burst = random.nextInt(4) == 0 ? random.nextInt(1, 1_000_000_000) : random.nextInt(0, 4);
            Limiter lim = new Limiter(limit, burst);
            Model model = new Model(limit, burst);
            long span = limit.nanosForOneToken();
            long t = 0;
            for (int step = 0; step < 50; step++) {
                t += switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> Math.max(0, Math.min(span, 1L << 40) + random.nextLong(-2, 3));
                    case 2 -> random.nextLong(1, 1_000);
                    default -> random.nextLong(1, 10_000_000_000L);
                };
                Instant at = T0.plusNanos(t);
                int n = random.nextInt(0, 3);
                String where = limit + ", burst " + burst + ", step " + step;
                assertThat(lim.allowN(at, n)).as(where).isEqualTo(model.allow(t, n));
                assertThat(lim.tokensAt(at)).as(where).isEqualTo(model.tokensAt(t));
            }
        }
    }

    /** Go's advance and allowN, written out without the shortcut; times in nanoseconds from T0. */
    private static final class Model {

        private final Limit limit;
        private final int burst;
        private double tokens;
        private long last = Long.MIN_VALUE;

        Model(Limit limit, int burst) {
            this.limit = limit;
            this.burst = burst;
            this.tokens = burst;
        }

        double tokensAt(long t) {
            long elapsed = last == Long.MIN_VALUE ? Long.MAX_VALUE : t - Math.min(last, t);
            return Math.min(tokens + limit.tokensFromNanos(elapsed), burst);
        }

        boolean allow(long t, int n) {
            double left = tokensAt(t) - n;
            if (n > burst || (left < 0 && limit.nanosFromTokens(-left) > 0)) {
                return false;
            }
            tokens = left;
            last = t;
            return true;
        }
    }
}
