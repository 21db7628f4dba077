package io.github.chanflux.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.github.chanflux.time.FakeClock;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BoundaryErrorTest {

    /** A module's declared error type. */
    static final class StoreError extends BoundaryError {
        StoreError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final FakeClock clock = new FakeClock(Instant.parse("2024-05-06T07:08:09Z"));

    @Test
    void carriesWhatHappenedWhenAndWhere() throws Exception {
        IOException inner = new IOException("disk full");

        BoundaryError err = new BoundaryError("cannot save", inner, clock, () -> "42");

        assertThat(err).hasMessage("cannot save").hasCause(inner);
        assertThat(err.time()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(err.host()).isEqualTo(InetAddress.getLocalHost().getHostName());
        assertThat(err.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(err.thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(err.getStackTrace()[0].getMethodName()).isEqualTo("carriesWhatHappenedWhenAndWhere");
        assertThat(err.logId()).isEqualTo("42");
    }

    @Test
    void aWrapperTakesTheLogIdOfTheNearestBoundaryErrorInItsChain() {
        BoundaryError low = new BoundaryError("low", null, clock, () -> "7");
        RuntimeException between = new RuntimeException(low);

        BoundaryError high = new BoundaryError("high", between, clock, () -> "8");

        assertThat(high.logId()).isEqualTo("7");
    }

    @Test
    void aNewChainGetsARandomLogIdOnTheSystemClock() {
        Instant before = Instant.now();

        BoundaryError err = new BoundaryError("boom", new IOException("io"));

        assertThat(UUID.fromString(err.logId())).isNotNull();
        assertThat(err.time()).isAfterOrEqualTo(before);
    }

    @Test
    void fieldsKeepTheirOrderAndShowInTheDescription() {
        BoundaryError err = new BoundaryError("boom", null, clock, () -> "1")
                .with("job", "7")
                .with("try", 2);

        assertThat(err.fields()).containsExactly(Map.entry("job", "7"), Map.entry("try", 2));
        assertThat(err.toString())
                .startsWith("io.github.chanflux.errors.BoundaryError: boom [logID 1, 2024-05-06T07:08:09Z, host ")
                .endsWith(", thread " + Thread.currentThread().getName() + ", job=7, try=2]");
    }

    @Test
    void theUserMessageIsTheMessageUnlessSet() {
        BoundaryError err = new BoundaryError("stat /bin/job: no such file", null);
        assertThat(err.userMessage()).isEqualTo("stat /bin/job: no such file");

        err.withUserMessage("The job cannot start right now; try again later.");

        assertThat(err.userMessage()).isEqualTo("The job cannot start right now; try again later.");
        assertThat(err).hasMessage("stat /bin/job: no such file");
    }

    @Test
    void wrapFormatsTheMessageAsGosWrapError() {
        IOException inner = new IOException("io");

        BoundaryError err = BoundaryError.wrap(inner, "cannot post report with id %s", "r9");

        assertThat(err)
                .isExactlyInstanceOf(BoundaryError.class)
                .hasMessage("cannot post report with id r9")
                .hasCause(inner);
    }

    @Test
    void atBoundaryWrapsTheDeclaredTypeAndPassesAnythingElseUnchanged() {
        Function<StoreError, BoundaryError> wrapper = e -> new BoundaryError("cannot post report", e);
        StoreError known = new StoreError("disk full", null);
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(BoundaryError.atBoundary(known, StoreError.class, wrapper))
                .hasMessage("cannot post report")
                .hasCause(known);
        assertThat(BoundaryError.atBoundary(bug, StoreError.class, wrapper)).isSameAs(bug);
    }

    @Test
    void isKnownTellsTheDeclaredTypeFromABug() {
        assertThat(BoundaryError.isKnown(new StoreError("disk full", null), StoreError.class))
                .isTrue();
        assertThat(BoundaryError.isKnown(new BoundaryError("other module", null), StoreError.class))
                .isFalse();
        assertThat(BoundaryError.isKnown(new IllegalStateException(), StoreError.class))
                .isFalse();
    }

    @Test
    void aReportTakesTheLogIdOfTheChainAndANewOneForAPlainBug() {
        StoreError known = new StoreError("disk full", null);
        NullPointerException bug = new NullPointerException("oops");

        ErrorReport ofKnown = ErrorReport.of(known, StoreError.class, clock, () -> "new");
        ErrorReport ofBug = ErrorReport.of(bug, StoreError.class, clock, () -> "new");

        assertThat(ofKnown.logId()).isEqualTo(known.logId());
        assertThat(ofKnown.userLine()).isEqualTo("[" + known.logId() + "] disk full");
        assertThat(ofBug.userLine()).isEqualTo("[new] " + ErrorReport.BUG_MESSAGE);
        assertThat(ofBug.logLine()).startsWith("[logID: new]: 07:08:09 java.lang.NullPointerException: oops");
        assertThat(ofBug.time()).isEqualTo(clock.now());
    }

    @Test
    void nullArgumentsAreRejectedNamingThem() {
        BoundaryError err = new BoundaryError("boom", null);
        Function<BoundaryError, BoundaryError> same = e -> e;
        List<Map.Entry<String, Executable>> calls = List.of(
                Map.entry("message", () -> new BoundaryError(null, null)),
                Map.entry("clock", () -> new BoundaryError("boom", null, null, () -> "1")),
                Map.entry("logIds", () -> new BoundaryError("boom", null, clock, null)),
                Map.entry("logIds returned null", () -> new BoundaryError("boom", null, clock, () -> null)),
                Map.entry("format", () -> BoundaryError.wrap(null, null)),
                Map.entry("error", () -> BoundaryError.atBoundary(null, BoundaryError.class, same)),
                Map.entry("declared", () -> BoundaryError.atBoundary(err, null, same)),
                Map.entry("wrapper", () -> BoundaryError.atBoundary(err, BoundaryError.class, null)),
                Map.entry("wrapper returned null", () -> BoundaryError.atBoundary(err, BoundaryError.class, e -> null)),
                Map.entry("key", () -> err.with(null, 1)),
                Map.entry("value", () -> err.with("k", null)),
                Map.entry("message", () -> err.withUserMessage(null)),
                Map.entry("error", () -> ErrorReport.of(null, BoundaryError.class)),
                Map.entry("known", () -> ErrorReport.of(err, null)),
                Map.entry("clock", () -> ErrorReport.of(err, BoundaryError.class, null, () -> "1")),
                Map.entry("logIds", () -> ErrorReport.of(err, BoundaryError.class, clock, null)));
        calls.forEach(call -> assertThatNullPointerException()
                .as(call.getKey())
                .isThrownBy(call.getValue()::execute)
                .withMessage(call.getKey()));
    }
}
