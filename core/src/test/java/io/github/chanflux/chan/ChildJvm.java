package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class of the test classpath in a child JVM and fails if it does not exit
 * with status 0 within a bound. For scenarios that can hang every virtual thread of a JVM: a
 * regression then fails the test instead of hanging the suite.
 */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * Runs {@code main} with {@code jvmOptions} and {@code args}; returns its standard output.
     * The bound is generous: the scenario normally ends in a second or two, and only a hang
     * reaches it.
     */
    static String run(Class<?> main, Duration bound, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("child-jvm", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                String dump = threadDump(process);
                process.destroyForcibly().waitFor();
                throw new AssertionError(main.getSimpleName() + " did not finish within " + bound + " (hung)\n"
                        + Files.readString(output, StandardCharsets.UTF_8) + dump);
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue())
                    .as("exit status of %s; output:%n%s", main.getSimpleName(), out)
                    .isZero();
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The hung child's threads (jstack), to say where it hung. */
    private static String threadDump(Process process) {
        String jstack = ProcessHandle.current()
                .info()
                .command()
                .map(java -> new File(new File(java).getParentFile(), "jstack").getPath())
                .orElse("jstack");
        try {
            Process dump = new ProcessBuilder(jstack, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            byte[] bytes = dump.getInputStream().readAllBytes();
            dump.waitFor(30, TimeUnit.SECONDS);
            return "\n--- thread dump ---\n" + new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "\n(no thread dump: " + e + ")";
        }
    }
}
