package io.github.chanflux.examples;

import java.util.function.Consumer;

/**
 * The first pipeline of "Concurrency in Go" 4.6: batch stages that each take a whole slice and
 * return a new one, before the book rewrites them over channels ({@link Pipeline}). Go's
 * {@code []int} is an {@code int[]} here; each stage leaves its input as it was.
 *
 * <pre>{@code
 * ints := []int{1, 2, 3, 4}
 * for _, v := range add(multiply(ints, 2), 1) {
 *     fmt.Println(v)
 * }
 * }</pre>
 * prints 3, 5, 7 and 9. Every stage works on the whole batch: {@code add} starts only once
 * {@code multiply} has made all of its slice, and each stage holds a slice as large as the input.
 */
public final class BatchPipeline {

    private BatchPipeline() {}

    /** The book's {@code multiply}: a new slice, each value times {@code multiplier}. */
    static int[] multiply(int[] values, int multiplier) {
        int[] multipliedValues = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            multipliedValues[i] = values[i] * multiplier;
        }
        return multipliedValues;
    }

    /** The book's {@code add}: a new slice, each value plus {@code additive}. */
    static int[] add(int[] values, int additive) {
        int[] addedValues = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            addedValues[i] = values[i] + additive;
        }
        return addedValues;
    }

    /** The book's program: {@code add(multiply(ints, 2), 1)} over 1, 2, 3, 4, one value a line. */
    static void run(Consumer<String> out) {
        int[] ints = {1, 2, 3, 4};
        for (int v : add(multiply(ints, 2), 1)) {
            out.accept(String.valueOf(v));
        }
    }

    public static void main(String[] args) {
        run(System.out::println);
    }
}
