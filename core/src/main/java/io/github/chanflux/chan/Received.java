package io.github.chanflux.chan;

/**
 * What a receive returns: Go's {@code v, ok := <-ch}. {@code ok} is true for a value sent on
 * the channel and false once the channel is closed and drained, when {@code value} is null
 * (Go's zero value).
 *
 * @param value the value received, or null when {@code ok} is false
 * @param ok whether a sent value was received
 * @param <T> the element type
 */
public record Received<T>(T value, boolean ok) {

    private static final Received<?> CLOSED = new Received<>(null, false);

    /** A received value. */
    public static <T> Received<T> of(T value) {
        return new Received<>(value, true);
    }

    /** The result of receiving from a closed, drained channel. */
    @SuppressWarnings("unchecked")
    public static <T> Received<T> closed() {
        return (Received<T>) CLOSED;
    }
}
