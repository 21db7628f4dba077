package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.examples.ChannelOwner.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChannelOwner}: the book's channel table as observed, and the owner's output. */
class ChannelOwnerTest {

    @Test
    void theObservedTableIsTheBooks() {
        assertThat(ChannelOwner.table())
                .containsExactly(
                        new Row("Read", "nil", "Block"),
                        new Row("Read", "Open and Not Empty", "Value 1"),
                        new Row("Read", "Open and Empty", "Block"),
                        new Row("Read", "Closed", "null, false"),
                        new Row("Write", "nil", "Block"),
                        new Row("Write", "Open and Full", "Block"),
                        new Row("Write", "Open and Not Full", "Write Value"),
                        new Row("Write", "Closed", "panic: send on closed channel"),
                        new Row("Close", "nil", "panic: close of nil channel"),
                        new Row("Close", "Open and Not Empty", "Closes Channel; reads: Value 1 null, false"),
                        new Row("Close", "Open and Empty", "Closes Channel; reads: null, false"),
                        new Row("Close", "Closed", "panic: close of closed channel"));
    }

    @Test
    void theOwnersValuesAreReceivedThenDone() {
        List<String> out = new ArrayList<>();
        ChannelOwner.run(out::add);
        assertThat(out.subList(out.size() - 8, out.size()))
                .containsExactly(
                        "-- the channel owner --",
                        "Received: 0",
                        "Received: 1",
                        "Received: 2",
                        "Received: 3",
                        "Received: 4",
                        "Received: 5",
                        "Done receiving!");
    }
}
