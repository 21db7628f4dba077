package io.github.chanflux.pattern;

import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Guards against duplicate messages after a cancellation ("Concurrency in Go" 5.2): when a parent
 * cancels while a child's result is already on its way, a stage downstream can receive two
 * results for one request. The book names three remedies:
 * <ul>
 *   <li>Accept only the first, or only the last, result per request: {@link #firstPerKey} and
 *       {@link #lastPerKey}, stages that key results by request. Their Reactor forms are
 *       {@code flux.distinct(key)} and {@code flux.groupBy(key).flatMap(Flux::last)}.
 *   <li>Its preferred fix: the parent may cancel only once it has the child's result. Over an
 *       unbuffered channel that is what a send means: {@code results.send(v, done)} returns true
 *       only if the parent received {@code v}, so a child whose send lost to {@code done} knows
 *       its result was not taken (and rolls back), and a parent that cancels right after its
 *       receive can never see a second result.
 *   <li>Ask the parent for permission before sending: a two-way heartbeat, which the book finds
 *       more complex than the remedies above.
 * </ul>
 */
public final class Duplicates {

    private Duplicates() {}

    /**
     * The first value of each key, in order; later values with a key already seen are dropped.
     * Ends when {@code in} closes or {@code done} closes. Remembers every key seen. If
     * {@code key} throws or returns null, the stage ends with that exception and its output
     * closes, as a {@link Patterns#stage} does.
     *
     * @param done closes to stop the stage
     * @param in the results, possibly duplicated
     * @param key the request a result answers
     * @param <T> the value type
     * @param <K> the key type
     * @return the deduplicated results
     */
    public static <T, K> RecvChan<T> firstPerKey(
            RecvChan<?> done, RecvChan<T> in, Function<? super T, ? extends K> key) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(key, "key");
        return Patterns.start(done, out -> {
            Set<K> seen = new HashSet<>();
            for (Received<T> r = in.receive(done); r.ok(); r = in.receive(done)) {
                if (seen.add(Objects.requireNonNull(key.apply(r.value()), "key")) && !out.send(r.value(), done)) {
                    return;
                }
            }
        });
    }

    /**
     * The last value of each key, once {@code in} has closed, in the order the keys first
     * appeared: a later result replaces an earlier one. Nothing is sent before {@code in}
     * closes; if {@code done} closes first, nothing is sent at all. If {@code key} throws or
     * returns null, the stage ends with that exception and its output closes, sending nothing.
     *
     * @param done closes to stop the stage
     * @param in the results, possibly duplicated
     * @param key the request a result answers
     * @param <T> the value type
     * @param <K> the key type
     * @return the last result of each key
     */
    public static <T, K> RecvChan<T> lastPerKey(
            RecvChan<?> done, RecvChan<T> in, Function<? super T, ? extends K> key) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(key, "key");
        return Patterns.start(done, out -> {
            Map<K, T> last = new LinkedHashMap<>();
            for (Received<T> r = in.receive(done); r.ok(); r = in.receive(done)) {
                last.put(Objects.requireNonNull(key.apply(r.value()), "key"), r.value());
            }
            if (done.tryReceive() != null) {
                return;
            }
            for (T v : last.values()) {
                if (!out.send(v, done)) {
                    return;
                }
            }
        });
    }
}
