package io.github.chanflux.examples;

import static io.github.chanflux.pattern.Patterns.bridge;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.reactor.GoFlux;
import java.util.StringJoiner;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * The bridge channel, "Concurrency in Go" 4.10: {@code genVals} sends ten channels of one value
 * each on a channel of channels, and {@code bridge} reads them as one stream, printing
 * {@code 0 1 2 3 4 5 6 7 8 9}:
 *
 * <pre>{@code
 * for v := range bridge(nil, genVals()) {
 *     fmt.Printf("%v ", v)
 * }
 * }</pre>
 *
 * The book passes a nil {@code done} (never closes); so does this program, since {@code genVals}
 * closes its stream and every goroutine ends. Then the same with Reactor: {@code GoFlux.bridge}
 * over a {@code Flux} of ten one-value {@code Flux}es.
 */
public final class BridgeExample {

    private BridgeExample() {}

    /** The book's {@code genVals}: ten buffered channels, each holding one value and closed. */
    static RecvChan<RecvChan<Integer>> genVals() {
        Chan<RecvChan<Integer>> chanStream = Chan.make();
        Go.go(() -> {
            try (chanStream) {
                for (int i = 0; i < 10; i++) {
                    Chan<Integer> stream = Chan.make(1);
                    stream.send(i);
                    stream.close();
                    chanStream.send(stream);
                }
            }
        });
        return chanStream;
    }

    static String overChannels() {
        StringJoiner line = new StringJoiner(" ");
        for (int v : bridge(Chan.nil(), genVals())) {
            line.add(String.valueOf(v));
        }
        return line.toString();
    }

    static String withReactor() {
        return GoFlux.bridge(Flux.range(0, 10).map(Flux::just))
                .map(String::valueOf)
                .collect(() -> new StringJoiner(" "), StringJoiner::add)
                .map(StringJoiner::toString)
                .block();
    }

    /** Both forms, printing through {@code out}. */
    static void run(Consumer<String> out) {
        out.accept(overChannels());
        out.accept("-- the same with Reactor --");
        out.accept(withReactor());
    }

    public static void main(String[] args) {
        run(System.out::println);
    }
}
