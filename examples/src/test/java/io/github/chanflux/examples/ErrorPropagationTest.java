package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.errors.ErrorReport;
import io.github.chanflux.time.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ErrorPropagation}: the book's CLI run of 5.1 with a missing job binary. */
class ErrorPropagationTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2024-01-01T21:46:07Z"));
    private final ErrorPropagation modules = new ErrorPropagation(ErrorPropagation.JOB_BIN_PATH, clock);
    private final List<String> out = new ArrayList<>();

    @Test
    void unwrappedTheLowLevelErrorIsABug() {
        ErrorReport report = modules.cli(() -> modules.runJobUnwrapped("1"), out::add);
        assertThat(report.isBug()).isTrue();
        assertThat(out.getFirst())
                .startsWith(
                        "[logID: 1]: 21:46:07 " + ErrorPropagation.LowLevelErr.class.getName() + ": /bad/job/binary");
        assertThat(out.getLast()).isEqualTo("[1] There was an unexpected issue; please report this as a bug.");
    }

    @Test
    void wrappedAtTheBoundaryTheUserSeesTheIntermediateMessageAndTheLogHasEveryCause() {
        ErrorReport report = modules.cli(() -> modules.runJob("1"), out::add);
        assertThat(report.isBug()).isFalse();
        assertThat(out.getFirst())
                .startsWith("[logID: 1]: 21:46:07 " + ErrorPropagation.IntermediateErr.class.getName()
                        + ": cannot run job \"1\": requisite binaries not available")
                .contains("Caused by: " + ErrorPropagation.LowLevelErr.class.getName())
                .contains("Caused by: java.nio.file.NoSuchFileException: /bad/job/binary");
        assertThat(out.getLast()).isEqualTo("[1] cannot run job \"1\": requisite binaries not available");
    }

    @Test
    void theReactorBoundaryWrapsTheSameWay() {
        ErrorReport report = modules.cliWithReactor("1", out::add);
        assertThat(report.isBug()).isFalse();
        assertThat(report.error()).isInstanceOf(ErrorPropagation.IntermediateErr.class);
        assertThat(out.getLast()).isEqualTo("[1] cannot run job \"1\": requisite binaries not available");
    }

    @Test
    void aBinaryThatIsNotExecutableGetsEachRunJobsOwnMessage(@TempDir Path dir) throws IOException {
        Path binary = Files.createFile(dir.resolve("binary"));
        ErrorPropagation there = new ErrorPropagation(binary, clock);
        assertThatThrownBy(() -> there.runJobUnwrapped("1")).hasMessage("job binary is not executable");
        assertThatThrownBy(() -> there.runJob("1"))
                .hasMessage("cannot run job \"1\": requisite binaries are not executable");
    }
}
