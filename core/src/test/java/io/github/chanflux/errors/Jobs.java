package io.github.chanflux.errors;

import io.github.chanflux.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.function.Supplier;

/**
 * The book's three modules of 5.1 (CLI → intermediate → low level) as far as the errors go: the
 * low-level module stats the job binary, the intermediate one runs a job with it. The binary is a
 * real path, checked on the file system; the book then runs the binary, which these tests never
 * reach.
 */
final class Jobs {

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
    private final Supplier<String> logIds;
    private final boolean wrapAtBoundary;

    /**
     * @param wrapAtBoundary whether the intermediate module wraps the low-level error (the book's
     *        second {@code runJob}) or returns it as it is (the first)
     */
    Jobs(Path jobBinPath, Clock clock, Supplier<String> logIds, boolean wrapAtBoundary) {
        this.jobBinPath = jobBinPath;
        this.clock = clock;
        this.logIds = logIds;
        this.wrapAtBoundary = wrapAtBoundary;
    }

    /** The low-level module: the book's {@code isGloballyExec}. */
    boolean isGloballyExec(Path path) {
        try {
            return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new LowLevelErr(e.getMessage(), e, clock, logIds);
        }
    }

    /** The intermediate module: the book's {@code runJob}, up to running the binary, which it returns. */
    Path runJob(String id) {
        boolean executable;
        try {
            executable = isGloballyExec(jobBinPath);
        } catch (LowLevelErr e) {
            if (!wrapAtBoundary) {
                throw e;
            }
            throw new IntermediateErr(
                    "cannot run job \"" + id + "\": requisite binaries not available", e, clock, logIds);
        }
        if (!executable) {
            throw BoundaryError.wrap(null, "cannot run job \"%s\": requisite binaries are not executable", id);
        }
        return jobBinPath;
    }
}
