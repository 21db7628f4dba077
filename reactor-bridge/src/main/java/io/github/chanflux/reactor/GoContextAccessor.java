package io.github.chanflux.reactor;

import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import io.micrometer.context.ThreadLocalAccessor;
import java.util.Objects;
import java.util.Optional;

/**
 * Micrometer context-propagation for the Go {@link Context} in a Reactor chain: when a user turns
 * on automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()}), the Go
 * context put with {@link GoContexts#put} becomes the {@linkplain #current() current thread's}
 * context on every thread a signal hops to, and its {@linkplain #withLogId log id} is in the SLF4J
 * MDC under {@value #MDC_KEY}, so log lines written deep in a pipeline name their request.
 * Registered through {@link java.util.ServiceLoader}; context-propagation and SLF4J are optional
 * dependencies (without SLF4J there is no MDC entry, the rest works).
 *
 * <p>Not in Go: Go passes {@code ctx} explicitly and has no thread-local context. A thread-local
 * is what Java logging and tracing read, so the accessor gives them the context that Reactor
 * code reads with {@link GoContexts#get}. Code that can take the context as an argument should.
 */
public final class GoContextAccessor implements ThreadLocalAccessor<Context> {

    /** The MDC entry that holds the log id of the current Go context. */
    public static final String MDC_KEY = "goContext";

    private static final Key<String> LOG_ID = Key.of("chanflux.logId");
    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();
    private static final boolean SLF4J = present("org.slf4j.MDC");

    /** Called by {@link java.util.ServiceLoader} when context-propagation loads its accessors. */
    public GoContextAccessor() {}

    /**
     * A child of {@code parent} whose log id (e.g. a request id) goes into the MDC.
     *
     * @param parent the context to derive from
     * @param logId the id for log lines written under the child
     * @return the child context
     */
    public static Context withLogId(Context parent, String logId) {
        Objects.requireNonNull(logId, "logId");
        return Context.withValue(parent, LOG_ID, logId);
    }

    /**
     * {@return the log id of {@code ctx}, if it or a parent has one}
     *
     * @param ctx the context to look in
     */
    public static Optional<String> logId(Context ctx) {
        return ctx.value(LOG_ID);
    }

    /** {@return the Go context propagated to this thread, if any} */
    public static Optional<Context> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public Object key() {
        return GoContexts.key();
    }

    @Override
    public Context getValue() {
        return CURRENT.get();
    }

    @Override
    public void setValue(Context ctx) {
        CURRENT.set(ctx);
        if (SLF4J) {
            Mdc.set(logId(ctx).orElse(null));
        }
    }

    @Override
    public void setValue() {
        CURRENT.remove();
        if (SLF4J) {
            Mdc.set(null);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, GoContextAccessor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Loaded only when SLF4J is on the class path. */
    private static final class Mdc {

        static void set(String logId) {
            if (logId == null) {
                org.slf4j.MDC.remove(MDC_KEY);
            } else {
                org.slf4j.MDC.put(MDC_KEY, logId);
            }
        }
    }
}
