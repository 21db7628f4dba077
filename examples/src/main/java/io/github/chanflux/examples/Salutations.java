package io.github.chanflux.examples;

import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import java.util.List;
import java.util.function.Consumer;

/**
 * Goroutines and closures, "Concurrency in Go" 3 (goroutines): three goroutines, each printing
 * one salutation, joined with a {@link WaitGroup}.
 *
 * <p>The book first writes the closure over the loop variable, which (before Go 1.22) is one
 * variable shared by every iteration, so the goroutines, running after the loop has moved on,
 * all print {@code good day}:
 * <pre>{@code
 * for _, salutation := range []string{"hello", "greetings", "good day"} {
 *     wg.Add(1)
 *     go func() {
 *         defer wg.Done()
 *         fmt.Println(salutation)
 *     }()
 * }
 * }</pre>
 * That program cannot be written in Java: a lambda captures only effectively final locals, so a
 * variable shared by the iterations and assigned in each ({@code String salutation; for (...) {
 * salutation = s; Go.go(() -> out.accept(salutation)); }}) does not compile ("local variables
 * referenced from a lambda expression must be final or effectively final"), and the variable of
 * an enhanced {@code for} is a new one in each iteration, as Go's has been since 1.22. What Java
 * compiles is the book's fix, which passes the salutation to the goroutine as an argument:
 * <pre>{@code
 * go func(salutation string) {
 *     defer wg.Done()
 *     fmt.Println(salutation)
 * }(salutation)
 * }</pre>
 * It prints {@code hello}, {@code greetings} and {@code good day} once each, in whatever order
 * the goroutines run.
 */
public final class Salutations {

    private Salutations() {}

    /** The fixed program: each goroutine gets its own salutation; returns once all three have printed. */
    static void run(Consumer<String> out) throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        for (String salutation : List.of("hello", "greetings", "good day")) {
            wg.add(1);
            Go.go(() -> greet(out, wg, salutation)); // go func(salutation string) { ... }(salutation)
        }
        wg.await();
    }

    /** The goroutine's body, with its salutation as a parameter, as in the book's fix. */
    private static void greet(Consumer<String> out, WaitGroup wg, String salutation) {
        try { // defer wg.Done()
            out.accept(salutation);
        } finally {
            wg.done();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println);
    }
}
