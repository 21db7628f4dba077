package io.github.chanflux.pattern;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * Every attempt of a replicated or hedged request failed ("Concurrency in Go" 5.4, replicated
 * requests; Go would return {@code errors.Join} of the attempts' errors). The message names each
 * attempt's cause, in attempt order ({@code #0} first); {@link #causes()} lists them, the first
 * is also the {@linkplain #getCause() cause}, and the others are
 * {@linkplain #getSuppressed() suppressed}, so a stack trace shows all of them.
 *
 * <p>Reactor's {@code Mono.firstWithValue} reports the same situation as a
 * {@code NoSuchElementException} whose message names no cause (reactor-core #2173); the Reactor
 * forms of these patterns fail with this exception instead.
 */
public final class AllFailedException extends ExecutionException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The causes, in attempt order; not serialized beyond the cause and suppressed list. */
    private final transient List<Throwable> causes;

    /**
     * An exception for attempts that failed with {@code causes}, in attempt order.
     *
     * @param causes why each attempt failed, the first attempt's first
     * @throws IllegalArgumentException if {@code causes} is empty
     * @throws NullPointerException if {@code causes} or one of them is null
     */
    public AllFailedException(List<? extends Throwable> causes) {
        super(message(causes), causes.get(0));
        this.causes = Collections.unmodifiableList(new ArrayList<>(causes));
        for (Throwable t : this.causes.subList(1, this.causes.size())) {
            addSuppressed(t);
        }
    }

    /**
     * Why each attempt failed, in attempt order.
     *
     * @return the causes, unmodifiable, never empty
     */
    public List<Throwable> causes() {
        return causes;
    }

    private static String message(List<? extends Throwable> causes) {
        Objects.requireNonNull(causes, "causes");
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("AllFailedException: causes is empty");
        }
        StringBuilder b = new StringBuilder("all ")
                .append(causes.size())
                .append(causes.size() == 1 ? " attempt failed: " : " attempts failed: ");
        for (int i = 0; i < causes.size(); i++) {
            b.append(i == 0 ? "" : "; ")
                    .append('#')
                    .append(i)
                    .append(": ")
                    .append(Objects.requireNonNull(causes.get(i), "causes[" + i + "]"));
        }
        return b.toString();
    }
}
