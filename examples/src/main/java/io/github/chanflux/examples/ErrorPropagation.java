package io.github.chanflux.examples;

import io.github.chanflux.errors.BoundaryError;
import io.github.chanflux.errors.ErrorReport;
import io.github.chanflux.reactor.Boundaries;
import io.github.chanflux.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Error propagation, "Concurrency in Go" 5.1: the book's CLI, intermediate and low-level modules.
 * The low-level module stats the job binary ({@code isGloballyExec}) and declares
 * {@code LowLevelErr}; the intermediate one runs the job ({@code runJob}) and declares
 * {@code IntermediateErr}; the CLI ({@code main}, {@code handleError}) logs the whole error with
 * its log ID and time and shows the user one line. With a binary that does not exist:
 *
 * <pre>
 * [1] There was an unexpected issue; please report this as a bug.     (the low-level error passed up as is)
 * [1] cannot run job "1": requisite binaries not available           (wrapped at the module boundary)
 * </pre>
 *
 * Then the wrapped run with Reactor: {@code Boundaries.atBoundary} wraps the low-level error as
 * it crosses into the intermediate module. Like the book, the job's binary is never run.
 */
public final class ErrorPropagation {

    /** The binary the book's {@code runJob} looks for. */
    static final Path JOB_BIN_PATH = Path.of("/bad/job/binary");

    /** The low-level module's declared error: the book's {@code LowLevelErr}. */
    static final class LowLevelErr extends BoundaryError {
        LowLevelErr(String message, Throwable cause, Clock clock, Supplier<String> logIds) {
            super(message, cause, clock, logIds);
        }
    }

    /** The intermediate module's declared error: the book's {@code IntermediateErr}. */
    static final class IntermediateErr extends BoundaryError {
        IntermediateErr(String message, Throwable cause, Clock clock, Supplier<String> logIds) {
            super(message, cause, clock, logIds);
        }
    }

    private final Path jobBinPath;
    private final Clock clock;
    private final Supplier<String> logIds = () -> "1";

    ErrorPropagation(Path jobBinPath, Clock clock) {
        this.jobBinPath = jobBinPath;
        this.clock = clock;
    }

    /** The low-level module: {@code isGloballyExec}, failing with a {@code LowLevelErr}. */
    boolean isGloballyExec(Path path) {
        try {
            return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new LowLevelErr(e.getMessage(), e, clock, logIds);
        }
    }

    /** The book's first {@code runJob}: a low-level error goes up as it is. */
    Path runJobUnwrapped(String id) {
        return checked(isGloballyExec(jobBinPath), "job binary is not executable");
    }

    /** The book's second {@code runJob}: a low-level error is wrapped in an {@code IntermediateErr}. */
    Path runJob(String id) {
        try {
            return checked(isGloballyExec(jobBinPath), notExecutable(id));
        } catch (LowLevelErr e) {
            throw intermediate(id, e);
        }
    }

    private IntermediateErr intermediate(String id, LowLevelErr e) {
        return new IntermediateErr("cannot run job \"" + id + "\": requisite binaries not available", e, clock, logIds);
    }

    /** The second {@code runJob}'s message for a binary that is there but not executable. */
    private static String notExecutable(String id) {
        return "cannot run job \"" + id + "\": requisite binaries are not executable";
    }

    /** The job binary if it is executable; else an error with {@code message}, wrapping nothing. */
    private Path checked(boolean executable, String message) {
        if (!executable) {
            throw BoundaryError.wrap(null, "%s", message);
        }
        return jobBinPath;
    }

    /** The CLI's {@code handleError}: the log entry, then the user's line. */
    ErrorReport handleError(Throwable err, Consumer<String> out) {
        ErrorReport report = ErrorReport.of(err, IntermediateErr.class, clock, logIds);
        out.accept(report.logLine());
        out.accept(report.userLine());
        return report;
    }

    /** The CLI's {@code main} over {@code runJob}: the report of the failed job. */
    ErrorReport cli(Supplier<Path> runJob, Consumer<String> out) {
        try {
            runJob.get();
            throw new IllegalStateException("the job binary " + jobBinPath + " exists");
        } catch (RuntimeException err) {
            return handleError(err, out);
        }
    }

    /** The wrapped run with Reactor: the boundary is an operator between the two modules' stages. */
    ErrorReport cliWithReactor(String id, Consumer<String> out) {
        return Mono.fromCallable(() -> isGloballyExec(jobBinPath))
                .flux()
                .transform(Boundaries.atBoundary(LowLevelErr.class, e -> intermediate(id, e)))
                .map(executable -> checked(executable, notExecutable(id)))
                .then(Mono.<ErrorReport>empty())
                .onErrorResume(err -> Mono.just(handleError(err, out)))
                .block();
    }

    /** Both CLI runs of the book, then the wrapped one with Reactor, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) {
        ErrorPropagation modules = new ErrorPropagation(JOB_BIN_PATH, clock);
        out.accept("-- runJob passes the low-level error up as it is --");
        modules.cli(() -> modules.runJobUnwrapped("1"), out);
        out.accept("-- runJob wraps it at its boundary --");
        modules.cli(() -> modules.runJob("1"), out);
        out.accept("-- the same with Reactor --");
        modules.cliWithReactor("1", out);
    }

    public static void main(String[] args) {
        run(System.out::println, Clock.system());
    }
}
