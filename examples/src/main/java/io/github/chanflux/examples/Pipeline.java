package io.github.chanflux.examples;

import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.repeatFn;
import static io.github.chanflux.pattern.Patterns.stage;
import static io.github.chanflux.pattern.Patterns.take;
import static io.github.chanflux.pattern.Patterns.tee;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.pattern.Tee;
import io.github.chanflux.reactor.FluxTee;
import io.github.chanflux.reactor.GoFlux;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * The pipelines of "Concurrency in Go" 4.6 and 4.9, over channels and with Reactor: the
 * multiply/add pipeline (prints 6, 10, 14, 18), the {@code repeat}/{@code take} and
 * {@code repeatFn} generators, a typed {@code toString} stage, and {@code tee}. Each program
 * prints through an {@code out} and closes its {@code done} when it returns.
 */
public final class Pipeline {

    private Pipeline() {}

    static RecvChan<Integer> multiply(RecvChan<?> done, RecvChan<Integer> in, int multiplier) {
        return stage(done, in, i -> i * multiplier);
    }

    static RecvChan<Integer> add(RecvChan<?> done, RecvChan<Integer> in, int additive) {
        return stage(done, in, i -> i + additive);
    }

    /** 4.6.1: {@code multiply(add(multiply(generator(1, 2, 3, 4), 2), 1), 2)}. */
    static void multiplyAdd(Consumer<String> out) {
        Chan<Void> done = Chan.make();
        try (done) { // defer close(done)
            RecvChan<Integer> intStream = generator(done, 1, 2, 3, 4);
            RecvChan<Integer> pipeline = multiply(done, add(done, multiply(done, intStream, 2), 1), 2);
            for (int v : pipeline) {
                out.accept(String.valueOf(v));
            }
        }
    }

    /** 4.6.2: the first ten of an endless stream of ones, on one line. */
    static void repeatTake(Consumer<String> out) {
        Chan<Void> done = Chan.make();
        try (done) {
            StringJoiner line = new StringJoiner(" ");
            for (int v : take(done, repeat(done, 1), 10)) {
                line.add(String.valueOf(v));
            }
            out.accept(line.toString());
        }
    }

    /** 4.6.2: three numbers of {@code random}, through {@code repeatFn}. */
    static void repeatFnTake(Consumer<String> out, Random random) {
        Chan<Void> done = Chan.make();
        try (done) {
            for (int v : take(done, repeatFn(done, random::nextInt), 3)) {
                out.accept(String.valueOf(v));
            }
        }
    }

    /** 4.6.2: a typed {@code toString} stage over {@code repeat("I", "am.")}. */
    static void toStringStage(Consumer<String> out) {
        Chan<Void> done = Chan.make();
        try (done) {
            StringBuilder message = new StringBuilder();
            for (String token : stage(done, take(done, repeat(done, "I", "am."), 5), Object::toString)) {
                message.append(token);
            }
            out.accept(message.toString());
        }
    }

    /** 4.9: both outputs of {@code tee} carry every value. */
    static void teeBoth(Consumer<String> out) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {
            Tee<Integer> t = tee(done, take(done, repeat(done, 1, 2), 4));
            for (int val1 : t.out1()) {
                out.accept("out1: " + val1 + ", out2: " + t.out2().receive().value());
            }
        }
    }

    /** The multiply/add pipeline and {@code tee} again, as Reactor operators. */
    static void withReactor(Consumer<String> out) {
        GoFlux.generator(1, 2, 3, 4)
                .transform(GoFlux.stage(i -> i * 2))
                .transform(GoFlux.stage(i -> i + 1))
                .transform(GoFlux.stage(i -> i * 2))
                .doOnNext(v -> out.accept(String.valueOf(v)))
                .blockLast();
        teeWithReactor(out);
    }

    /** 4.9 with Reactor: {@code GoFlux.tee}, the two branches zipped. */
    static void teeWithReactor(Consumer<String> out) {
        FluxTee<Integer> branches = GoFlux.tee(GoFlux.repeat(1, 2).transform(GoFlux.take(4)));
        Flux.zip(branches.out1(), branches.out2(), (Integer a, Integer b) -> "out1: " + a + ", out2: " + b)
                .doOnNext(out)
                .blockLast();
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println);
    }

    /** The tour's {@code tee} (4.9): {@code tee} over channels, then with Reactor. */
    static void runTee(Consumer<String> out) throws InterruptedException {
        teeBoth(out);
        out.accept("-- the same with Reactor --");
        teeWithReactor(out);
    }

    /** The pipeline programs of 4.6 and 4.9, then the same with Reactor, printing through {@code out}. */
    static void run(Consumer<String> out) throws InterruptedException {
        multiplyAdd(out);
        repeatTake(out);
        repeatFnTake(out, new Random());
        toStringStage(out);
        teeBoth(out);
        out.accept("-- the same with Reactor --");
        withReactor(out);
    }
}
