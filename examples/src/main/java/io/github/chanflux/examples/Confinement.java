package io.github.chanflux.examples;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Confinement, "Concurrency in Go" 4.1: ad hoc confinement ({@code loopData}: the slice
 * {@code data} is touched only by the loop, by convention), lexical confinement (the channel
 * owner and its consumer: the channel is reachable only through what each function is given),
 * and the book's {@code printData}, two goroutines each given its own part of one byte slice
 * (a {@code ByteBuffer} slice: a view, as Go's slice is).
 *
 * <pre>{@code
 * go printData(&wg, data[:3])
 * go printData(&wg, data[3:])
 * }</pre>
 */
public final class Confinement {

    private Confinement() {}

    /** Ad hoc: {@code data} could be read by anyone here; only {@code loopData} does, by convention. */
    static void adHoc(Consumer<String> out) {
        int[] data = {0, 0, 0, 0}; // make([]int, 4)
        Chan<Integer> handleData = Chan.make();
        Go.go(
                () -> { // go loopData(handleData)
                    try (handleData) {
                        for (int d : data) {
                            handleData.send(d);
                        }
                    }
                });
        for (int num : handleData) {
            out.accept(String.valueOf(num));
        }
    }

    /** Lexical: the owner exposes only the receive side; the consumer sees only what it is given. */
    static void lexical(Consumer<String> out) {
        RecvChan<Integer> results = Demo.chanOwner();
        consumer(out, results);
    }

    private static void consumer(Consumer<String> out, RecvChan<Integer> results) {
        for (int result : results) {
            out.accept("Received: " + result);
        }
        out.accept("Done receiving!");
    }

    /** The book's {@code printData}: prints its own part of the bytes, through a buffer of its own. */
    private static void printData(Consumer<String> out, WaitGroup wg, ByteBuffer data) {
        try {
            StringBuilder buff = new StringBuilder(); // var buff bytes.Buffer
            while (data.hasRemaining()) {
                buff.append((char) data.get());
            }
            out.accept(buff.toString());
        } finally {
            wg.done();
        }
    }

    /** "golang" split between two goroutines: "gol" and "ang", in either order. */
    static void printDataSplit(Consumer<String> out) throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        byte[] data = "golang".getBytes(StandardCharsets.US_ASCII);
        Go.go(() -> printData(out, wg, ByteBuffer.wrap(data, 0, 3).slice())); // data[:3]
        Go.go(() -> printData(out, wg, ByteBuffer.wrap(data, 3, data.length - 3).slice())); // data[3:]
        wg.await();
    }

    /** The three programs, printing through {@code out}. */
    static void run(Consumer<String> out) throws InterruptedException {
        out.accept("-- ad hoc confinement --");
        adHoc(out);
        out.accept("-- lexical confinement --");
        lexical(out);
        printDataSplit(out);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println);
    }
}
