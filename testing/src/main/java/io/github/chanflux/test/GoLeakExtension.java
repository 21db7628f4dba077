package io.github.chanflux.test;

import io.github.chanflux.go.Go;
import io.github.chanflux.go.GoLeak;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test which leaves goroutines running: goleak's
 * {@code VerifyNone(t)} with {@code IgnoreCurrent()}, as an extension ("Concurrency in Go" 4.3).
 *
 * <p>Before each test it notes the goroutines already running; after the test and its
 * {@code @AfterEach} methods it gives the goroutines the test started up to one second
 * (configuration parameter {@code chanflux.goleak.timeout}, an ISO-8601 duration such as
 * {@code PT2S}) to end, then fails the test with the names and stack traces of those still
 * running ({@link GoLeak#verifyNone}).
 *
 * <p>Use it with {@code @ExtendWith(GoLeakExtension.class)}, or for a whole test suite through
 * JUnit's extension auto-detection: list this class in
 * {@code src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension} and set
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in
 * {@code src/test/resources/junit-platform.properties}.
 *
 * <p>A test's goroutines are those started between its {@code beforeEach} and its
 * {@code afterEach}, by anyone: with JUnit's parallel execution a test is blamed for its
 * neighbours' goroutines. Run the tests it watches one at a time, as goleak asks of
 * {@code VerifyNone} (it cannot be used with {@code t.Parallel}).
 */
public final class GoLeakExtension implements BeforeEachCallback, AfterEachCallback {

    /** The configuration parameter holding the time to wait for goroutines to end. */
    public static final String TIMEOUT_PARAMETER = "chanflux.goleak.timeout";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GoLeakExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("baseline", Go.running());
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Thread> baseline = context.getStore(NAMESPACE).get("baseline", Set.class);
        Duration timeout = context.getConfigurationParameter(TIMEOUT_PARAMETER, Duration::parse)
                .orElse(DEFAULT_TIMEOUT);
        GoLeak.verifyNone(baseline == null ? Set.of() : baseline, timeout);
    }
}
