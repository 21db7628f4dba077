package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.Boundaries.atBoundary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.github.chanflux.errors.BoundaryError;
import io.github.chanflux.errors.ErrorReport;
import io.github.chanflux.time.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** The book's 5.1 modules as Flux stages: the low level stats the job binary, the intermediate runs the job. */
class BoundariesTest {

    static final class LowLevelErr extends BoundaryError {
        LowLevelErr(String message, Throwable cause, FakeClock clock, Supplier<String> logIds) {
            super(message, cause, clock, logIds);
        }
    }

    static final class IntermediateErr extends BoundaryError {
        IntermediateErr(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final AtomicInteger nextLogId = new AtomicInteger();
    private final Supplier<String> logIds = () -> String.valueOf(nextLogId.incrementAndGet());

    /** The low-level stage: the book's {@code isGloballyExec}, on a real path. */
    private Flux<Boolean> isGloballyExec(Path path) {
        return Mono.fromCallable(() -> Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE))
                .onErrorMap(IOException.class, e -> new LowLevelErr(e.getMessage(), e, clock, logIds))
                .flux();
    }

    /** The intermediate stage: the book's {@code runJob}, wrapping at its boundary or not. */
    private Flux<Path> runJob(String id, boolean wrapAtBoundary) {
        Path binary = dir.resolve("bad/job/binary");
        Flux<Boolean> executable = isGloballyExec(binary);
        if (wrapAtBoundary) {
            executable = executable.transform(atBoundary(
                    LowLevelErr.class,
                    e -> new IntermediateErr("cannot run job \"" + id + "\": requisite binaries not available", e)));
        }
        return executable.map(ok -> binary);
    }

    /** The CLI over the pipeline: each job's error reported as the book's {@code handleError} does. */
    private Flux<String> userLines(boolean wrapAtBoundary) {
        return Flux.just("1", "2")
                .concatMap(id -> runJob(id, wrapAtBoundary)
                        .map(Path::toString)
                        .onErrorResume(e -> Mono.just(ErrorReport.of(e, IntermediateErr.class, clock, logIds)
                                .userLine())));
    }

    @Test
    void aKnownEdgeCaseCrossesTheBoundaryWrappedWithTheSameLogId() {
        StepVerifier.create(runJob("1", true))
                .expectErrorSatisfies(e -> {
                    assertThat(e)
                            .isInstanceOf(IntermediateErr.class)
                            .hasMessage("cannot run job \"1\": requisite binaries not available")
                            .cause()
                            .isInstanceOf(LowLevelErr.class)
                            .cause()
                            .isInstanceOf(NoSuchFileException.class);
                    assertThat(((BoundaryError) e).logId()).isEqualTo("1");
                })
                .verify();
    }

    @Test
    void aPipelineReportsEdgeCasesAndBugsAsTheChannelFormDoes() {
        StepVerifier.create(userLines(true))
                .expectNext(
                        "[1] cannot run job \"1\": requisite binaries not available",
                        "[2] cannot run job \"2\": requisite binaries not available")
                .verifyComplete();
        nextLogId.set(0);
        StepVerifier.create(userLines(false))
                .expectNext(
                        "[1] There was an unexpected issue; please report this as a bug.",
                        "[2] There was an unexpected issue; please report this as a bug.")
                .verifyComplete();
    }

    @Test
    void anErrorOfAnotherTypePassesUnchanged() {
        IllegalStateException bug = new IllegalStateException("bug");
        StepVerifier.create(Flux.<Integer>error(bug)
                        .transform(atBoundary(LowLevelErr.class, e -> new IntermediateErr("x", e))))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(bug))
                .verify();
    }

    @Test
    void valuesCompletionAndCancellationPassThrough() {
        TestPublisher<Integer> source = TestPublisher.create();
        Function<Flux<Integer>, Flux<Integer>> boundary =
                atBoundary(LowLevelErr.class, e -> new IntermediateErr("x", e));
        StepVerifier.create(source.flux().transform(boundary), 1)
                .then(() -> source.next(1))
                .expectNext(1)
                .thenCancel()
                .verify();
        source.assertMaxRequested(1).assertCancelled();
        StepVerifier.create(Flux.just(1, 2).transform(boundary))
                .expectNext(1, 2)
                .verifyComplete();
    }

    @Test
    void aWrapperThatReturnsNullIsSignalledWithTheOriginalSuppressed() {
        LowLevelErr low = new LowLevelErr("low", null, clock, logIds);
        StepVerifier.create(Flux.<Integer>error(low).transform(atBoundary(LowLevelErr.class, e -> null)))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(NullPointerException.class)
                        .hasMessage("wrapper returned null")
                        .hasSuppressedException(low))
                .verify();
    }

    @Test
    void nullArgumentsAreRejectedNamingThem() {
        assertThatNullPointerException()
                .isThrownBy(() -> atBoundary(null, e -> null))
                .withMessage("declared");
        assertThatNullPointerException()
                .isThrownBy(() -> atBoundary(LowLevelErr.class, null))
                .withMessage("wrapper");
    }
}
