package io.github.chanflux.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.errors.Jobs.IntermediateErr;
import io.github.chanflux.errors.Jobs.LowLevelErr;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.time.FakeClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book's CLI run of 5.1: {@code runJob("1")} with a job binary that does not exist, once
 * with an intermediate module that wraps the low-level error at its boundary and once with one
 * that does not. The log time is a fake clock's; the binary is a path in an empty directory.
 */
class ErrorPropagationTest {

    private static final Instant AT = Instant.parse("2024-01-01T21:46:07Z");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(AT);
    private final Supplier<String> key = () -> "1";

    /** The book's {@code main} and {@code handleError}: the report of {@code runJob("1")}. */
    private ErrorReport cli(Jobs jobs) {
        try {
            jobs.runJob("1");
            throw new AssertionError("the job ran");
        } catch (RuntimeException err) {
            return ErrorReport.of(err, IntermediateErr.class, clock, key);
        }
    }

    private Path missingBinary() {
        return dir.resolve("bad/job/binary");
    }

    /** The line a stack trace starts with for {@code error}'s type and message, here and now. */
    private String described(Class<?> type, String message) throws UnknownHostException {
        return type.getName() + ": " + message + " [logID 1, 2024-01-01T21:46:07Z, host "
                + InetAddress.getLocalHost().getHostName() + ", pid "
                + ProcessHandle.current().pid()
                + ", thread " + Thread.currentThread().getName() + "]";
    }

    @Test
    void aWrappedMissingBinaryShowsTheUserTheIntermediateMessage() throws UnknownHostException {
        ErrorReport report = cli(new Jobs(missingBinary(), clock, key, true));

        assertThat(report.userLine()).isEqualTo("[1] cannot run job \"1\": requisite binaries not available");
        assertThat(report.isBug()).isFalse();
        List<String> log = report.logLine().lines().toList();
        assertThat(log.getFirst())
                .isEqualTo("[logID: 1]: 21:46:07 "
                        + described(IntermediateErr.class, "cannot run job \"1\": requisite binaries not available"));
        assertThat(log)
                .contains(
                        "Caused by: "
                                + described(LowLevelErr.class, missingBinary().toString()),
                        "Caused by: java.nio.file.NoSuchFileException: " + missingBinary());
        assertThat(log)
                .anyMatch(line -> line.startsWith("\tat " + Jobs.class.getName() + ".isGloballyExec("))
                .anyMatch(line -> line.startsWith("\tat " + Jobs.class.getName() + ".runJob("))
                .anyMatch(line -> line.startsWith("\tat " + ErrorPropagationTest.class.getName() + ".cli("));
    }

    @Test
    void anUnwrappedMissingBinaryIsABug() throws UnknownHostException {
        ErrorReport report = cli(new Jobs(missingBinary(), clock, key, false));

        assertThat(report.userLine()).isEqualTo("[1] There was an unexpected issue; please report this as a bug.");
        assertThat(report.isBug()).isTrue();
        List<String> log = report.logLine().lines().toList();
        assertThat(log.getFirst())
                .isEqualTo("[logID: 1]: 21:46:07 "
                        + described(LowLevelErr.class, missingBinary().toString()));
        assertThat(log).contains("Caused by: java.nio.file.NoSuchFileException: " + missingBinary());
    }

    @Test
    void aBinaryThatIsNotExecutableIsABugAsInTheBook() throws Exception {
        Path binary = Files.createFile(dir.resolve("binary"));

        ErrorReport report = cli(new Jobs(binary, clock, key, true));

        assertThat(report.error())
                .isExactlyInstanceOf(BoundaryError.class)
                .hasMessage("cannot run job \"1\": requisite binaries are not executable");
        assertThat(report.isBug()).isTrue();
    }

    @Test
    void overChannelsEachJobIsReportedUnderItsOwnLogId() throws InterruptedException {
        assertThat(userLinesOverChannels(true))
                .containsExactly(
                        "[1] cannot run job \"1\": requisite binaries not available",
                        "[2] cannot run job \"2\": requisite binaries not available");
        assertThat(userLinesOverChannels(false))
                .containsExactly(
                        "[1] There was an unexpected issue; please report this as a bug.",
                        "[2] There was an unexpected issue; please report this as a bug.");
    }

    /**
     * Jobs "1" and "2" through a pipeline stage whose errors travel as values (4.5), each new
     * error chain taking the next log ID, reported by the consumer.
     */
    private List<String> userLinesOverChannels(boolean wrapAtBoundary) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        Supplier<String> logIds = () -> String.valueOf(next.incrementAndGet());
        Jobs jobs = new Jobs(missingBinary(), clock, logIds, wrapAtBoundary);
        Chan<Void> done = Chan.make();
        List<String> lines = new ArrayList<>();
        try {
            RecvChan<Result<Path>> results =
                    Patterns.stage(done, Patterns.generator(done, "1", "2"), Result.lift(jobs::runJob));
            for (Received<Result<Path>> r = results.receive(); r.ok(); r = results.receive()) {
                Result.Err<Path> err = (Result.Err<Path>) r.value();
                lines.add(ErrorReport.of(err.error(), IntermediateErr.class, clock, logIds)
                        .userLine());
            }
        } finally {
            done.close();
        }
        return lines;
    }
}
