package io.github.chanflux.examples;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The channel table of "Concurrency in Go" chapter 3 ("Channels"), as this program observes it:
 * each read, write and close tried on a nil, an open (empty, not empty, full, not full) and a
 * closed channel. A read or write that would block is tried with {@code tryReceive} /
 * {@code trySend} (Go's {@code select} with {@code default}), so the program never blocks; a
 * Go panic is the {@code IllegalStateException} with Go's message. The table's "compilation
 * error" rows hold in Java too: a {@code RecvChan} has no {@code send} or {@code close}, a
 * {@code SendChan} no {@code receive}. Then the book's channel owner, {@link Demo#chanOwner()}.
 */
public final class ChannelOwner {

    private ChannelOwner() {}

    /** One row: the operation, the channel's state, and what happened. */
    record Row(String operation, String state, String result) {}

    /** Every row of the book's table, each observed on a fresh channel. */
    static List<Row> table() {
        return java.util.List.of(
                new Row("Read", "nil", read(Chan.nil())),
                new Row("Read", "Open and Not Empty", read(holding(1))),
                new Row("Read", "Open and Empty", read(Chan.make(1))),
                new Row("Read", "Closed", read(closed())),
                new Row("Write", "nil", write(Chan.nil())),
                new Row("Write", "Open and Full", write(holding(1))),
                new Row("Write", "Open and Not Full", write(Chan.make(1))),
                new Row("Write", "Closed", write(closed())),
                new Row("Close", "nil", close(Chan.nil())),
                new Row("Close", "Open and Not Empty", close(holding(1))),
                new Row("Close", "Open and Empty", close(Chan.make(1))),
                new Row("Close", "Closed", close(closed())));
    }

    private static Chan<Integer> holding(int value) {
        Chan<Integer> c = Chan.make(1);
        c.trySend(value);
        return c;
    }

    private static Chan<Integer> closed() {
        Chan<Integer> c = Chan.make(1);
        c.close();
        return c;
    }

    private static String read(Chan<Integer> c) {
        return orPanic(() -> describe(c.tryReceive()));
    }

    private static String describe(Received<Integer> r) {
        if (r == null) {
            return "Block";
        }
        return r.ok() ? "Value " + r.value() : r.value() + ", false";
    }

    private static String write(Chan<Integer> c) {
        return orPanic(() -> c.trySend(2) ? "Write Value" : "Block");
    }

    private static String close(Chan<Integer> c) {
        return orPanic(() -> {
            c.close();
            StringBuilder reads = new StringBuilder("Closes Channel; reads:");
            for (Received<Integer> r = c.tryReceive(); ; r = c.tryReceive()) {
                reads.append(' ').append(describe(r));
                if (!r.ok()) {
                    return reads.toString();
                }
            }
        });
    }

    private static String orPanic(Supplier<String> op) {
        try {
            return op.get();
        } catch (IllegalStateException panic) {
            return "panic: " + panic.getMessage();
        }
    }

    /** The table, then the book's owner and consumer, printing through {@code out}. */
    static void run(Consumer<String> out) {
        out.accept(String.format("%-9s %-20s %s", "Operation", "Channel State", "Result"));
        for (Row row : table()) {
            out.accept(String.format("%-9s %-20s %s", row.operation(), row.state(), row.result()));
        }
        out.accept("-- the channel owner --");
        for (int result : Demo.chanOwner()) {
            out.accept("Received: " + result);
        }
        out.accept("Done receiving!");
    }

    public static void main(String[] args) {
        run(System.out::println);
    }
}
