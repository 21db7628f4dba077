package io.github.chanflux.examples;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.pattern.Tee;
import io.github.chanflux.reactor.FluxTee;
import io.github.chanflux.reactor.GoFlux;
import reactor.core.publisher.Flux;

import java.util.Random;

import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.repeatFn;
import static io.github.chanflux.pattern.Patterns.stage;
import static io.github.chanflux.pattern.Patterns.take;
import static io.github.chanflux.pattern.Patterns.tee;

/**
 * The pipelines of "Concurrency in Go" 4.6 and 4.9, over channels and with Reactor: the
 * multiply/add pipeline (prints 6, 10, 14, 18), the {@code repeat}/{@code take} and
 * {@code repeatFn} generators, a typed {@code toString} stage, and {@code tee}.
 */
public final class Pipeline {

    private Pipeline() {
    }

    static RecvChan<Integer> multiply(RecvChan<?> done, RecvChan<Integer> in, int multiplier) {
        return stage(done, in, i -> i * multiplier);
    }

    static RecvChan<Integer> add(RecvChan<?> done, RecvChan<Integer> in, int additive) {
        return stage(done, in, i -> i + additive);
    }

    public static void main(String[] args) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {                                                   // defer close(done)
            RecvChan<Integer> intStream = generator(done, 1, 2, 3, 4);
            RecvChan<Integer> pipeline = multiply(done, add(done, multiply(done, intStream, 2), 1), 2);
            for (int v : pipeline) {
                System.out.println(v);
            }

            for (int v : take(done, repeat(done, 1), 10)) {
                System.out.print(v + " ");
            }
            System.out.println();

            Random random = new Random();
            for (int v : take(done, repeatFn(done, random::nextInt), 3)) {
                System.out.println(v);
            }

            StringBuilder message = new StringBuilder();
            for (String token : stage(done, take(done, repeat(done, "I", "am."), 5), Object::toString)) {
                message.append(token);
            }
            System.out.println(message);

            Tee<Integer> t = tee(done, take(done, repeat(done, 1, 2), 4));
            for (int val1 : t.out1()) {
                System.out.println("out1: " + val1 + ", out2: " + t.out2().receive().value());
            }
        }

        System.out.println("-- the same with Reactor --");
        GoFlux.generator(1, 2, 3, 4)
                .transform(GoFlux.stage(i -> i * 2))
                .transform(GoFlux.stage(i -> i + 1))
                .transform(GoFlux.stage(i -> i * 2))
                .doOnNext(System.out::println)
                .blockLast();
        FluxTee<Integer> branches = GoFlux.tee(GoFlux.repeat(1, 2).transform(GoFlux.take(4)));
        Flux.zip(branches.out1(), branches.out2(), (Integer a, Integer b) -> "out1: " + a + ", out2: " + b)
                .doOnNext(System.out::println)
                .blockLast();
    }
}
