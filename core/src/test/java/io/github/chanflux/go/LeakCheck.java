package io.github.chanflux.go;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The goroutine-leak check for core's own tests (auto-detected, see
 * {@code junit-platform.properties}). Users get it from {@code chanflux-test} as
 * {@code GoLeakExtension}; core cannot depend on that module, which depends on core.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("baseline", Go.running());
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Thread> baseline = context.getStore(NAMESPACE).get("baseline", Set.class);
        GoLeak.verifyNone(baseline, Duration.ofSeconds(1));
    }
}
