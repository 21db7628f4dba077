package io.github.chanflux.reactor;

import io.github.chanflux.chan.UncheckedInterruptedException;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Stop;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.ContextView;

/**
 * A Go {@link Context} carried in the Reactor subscriber context, so operators deep in a chain
 * read the request's context (its deadline, cancellation and values) the way Go code receives
 * {@code ctx} as its first argument ("Concurrency in Go" 4.12, the context package).
 *
 * <pre>{@code
 * handle(request)
 *     .contextWrite(GoContexts.put(ctx));          // at the edge, once
 *
 * Mono.deferContextual(view -> {                  // anywhere below
 *     Context ctx = GoContexts.get(view);
 *     ...
 * });
 * }</pre>
 *
 * <p>The key is private to this class, as the book's rule of thumb for context keys asks. Where
 * no Go context was put, {@link #get} returns {@link Context#background()}.
 *
 * <p>Cancellation goes both ways: {@link #within} ends a stream when its Go context is done
 * (a deadline becomes a timeout), {@link #withCancel} cancels a derived Go context when the
 * subscription ends (Go's {@code defer cancel()}), and {@link #run} is the Go blog's
 * {@code httpDo}: work on a goroutine, abandoned and interrupted when the context ends first.
 */
public final class GoContexts {

    /** How a {@link #within} stream ended first: not yet, its source completed, its context was done. */
    private static final int RUNNING = 0;

    private static final int COMPLETED = 1;
    private static final int CTX_DONE = 2;

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "chanflux.goContext";
        }
    };

    private GoContexts() {}

    /** The subscriber-context key, shared with {@link GoContextAccessor#key()}. */
    static Object key() {
        return KEY;
    }

    /**
     * For {@code contextWrite}: stores {@code ctx} in the subscriber context.
     *
     * @param ctx the Go context to carry
     * @return the function for {@code contextWrite}
     */
    public static Function<reactor.util.context.Context, reactor.util.context.Context> put(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        return view -> view.put(KEY, ctx);
    }

    /**
     * {@return the Go context stored in {@code view}, or {@link Context#background()}}
     *
     * @param view the subscriber context, e.g. from {@code Mono.deferContextual}
     */
    public static Context get(ContextView view) {
        Objects.requireNonNull(view, "view");
        return view.getOrDefault(KEY, Context.background());
    }

    /** {@return the Go context of the subscriber, as a {@code Mono}; never empty} */
    public static Mono<Context> current() {
        return Mono.deferContextual(view -> Mono.just(get(view)));
    }

    /**
     * Ends the stream when {@code ctx} is done: the source is cancelled and the stream fails with
     * {@code Context.cause(ctx)} ({@link Context#CANCELED}, {@link Context#DEADLINE_EXCEEDED}, or
     * the cause given to {@code cancel}). So a context's deadline bounds the stream, failing with
     * {@code DeadlineExceeded}. Values and completion before that pass through unchanged; a
     * source that completed before the context's end was seen stays completed. A context
     * already done when the stream is subscribed lets no value through, even of a synchronous
     * source. No prefetch: it requests what its subscriber requests.
     *
     * @param ctx the context whose end ends the stream
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     */
    public static <T> Function<Flux<T>, Flux<T>> within(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        return flux -> Flux.defer(() -> {
            AtomicInteger end = new AtomicInteger(RUNNING);
            Mono<Boolean> ctxEndedFirst = Mono.defer(() -> ctx.err() != null ? Mono.just(true) : whenDone(ctx))
                    .filter(done -> end.compareAndSet(RUNNING, CTX_DONE))
                    .switchIfEmpty(Mono.never());
            return flux.doOnComplete(() -> end.compareAndSet(RUNNING, COMPLETED))
                    .takeUntilOther(ctxEndedFirst)
                    .concatWith(
                            Mono.defer(() -> end.get() == CTX_DONE ? Mono.error(Context.cause(ctx)) : Mono.empty()));
        });
    }

    /**
     * Runs {@code body} under a context derived from {@code parent} with {@link Context#withCancel}
     * and put in the subscriber context: the stream ends with the parent (see {@link #within}; a
     * parent already done lets no value through), and when the subscription ends — completion,
     * error, or a client going away — the derived context is cancelled, so goroutines started
     * under it stop (Go's {@code defer cancel()}). If {@code body} throws, or returns null
     * ({@link NullPointerException}), the derived context is cancelled and the stream fails
     * with that exception.
     *
     * @param parent the context the derived one is a child of
     * @param body builds the stream from the derived context, once per subscription
     * @param <T> the element type
     * @return the stream {@code body} builds, bound to the derived context
     */
    public static <T> Flux<T> withCancel(Context parent, Function<Context, ? extends Publisher<T>> body) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(body, "body");
        return Flux.defer(() -> {
            CancelableContext ctx = Context.withCancel(parent);
            Publisher<T> source;
            try {
                source = Objects.requireNonNull(body.apply(ctx), "body returned null");
            } catch (Throwable e) {
                ctx.cancel();
                throw e;
            }
            return Flux.<T>from(source)
                    .transform(within(ctx))
                    .contextWrite(put(ctx))
                    .doFinally(signal -> ctx.cancel());
        });
    }

    /**
     * The Go blog's {@code httpDo(ctx, req, f)} as a {@code Mono}: runs {@code work} on a
     * goroutine under a context derived from {@code ctx}, and emits its result. If {@code ctx}
     * ends first, the Mono fails with {@code Context.cause(ctx)}; then, or when the subscriber
     * cancels, the derived context is cancelled and the goroutine interrupted. A {@code ctx}
     * already done fails the Mono at once, without starting {@code work}. A null result
     * completes empty; anything {@code work} throws (an {@link Error}, or an
     * {@link InterruptedException} neither {@code ctx} nor a cancel caused, included) is the
     * error; a JVM-fatal error is also rethrown on the goroutine, as a Go panic would be.
     *
     * @param ctx the context whose end abandons {@code work}
     * @param work the work, called with the derived context once per subscription
     * @param <T> the result type
     * @return a {@code Mono} of the result of {@code work}
     */
    public static <T> Mono<T> run(Context ctx, ContextCallable<T> work) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(work, "work");
        return Mono.create(sink -> {
            if (ctx.err() != null) {
                sink.error(Context.cause(ctx));
                return;
            }
            CancelableContext derived = Context.withCancel(ctx);
            Stop stop = Context.afterFunc(ctx, () -> sink.error(Context.cause(ctx)));
            sink.onDispose(() -> {
                stop.stop();
                derived.cancel();
            });
            Context.go(derived, c -> call(work, c, ctx, sink));
        });
    }

    /**
     * Runs {@code work} and tells {@code sink} how it ended; if {@code ctx} is done by then, its
     * cause is told instead. An interrupt the derived context caused while {@code ctx} lives came
     * from a cancel of the subscriber, who no longer listens.
     */
    private static <T> void call(ContextCallable<T> work, Context derived, Context ctx, MonoSink<T> sink) {
        try {
            T value = work.call(derived);
            if (ctx.err() != null) {
                sink.error(Context.cause(ctx));
            } else {
                sink.success(value);
            }
        } catch (InterruptedException | UncheckedInterruptedException interrupted) {
            if (ctx.err() != null) {
                sink.error(Context.cause(ctx));
            } else if (derived.err() == null) {
                sink.error(interrupted);
            }
        } catch (Throwable e) {
            sink.error(ctx.err() != null ? Context.cause(ctx) : e);
            Exceptions.throwIfJvmFatal(e);
        }
    }

    /**
     * Work done under a Go context, for {@link #run}.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface ContextCallable<T> {
        /**
         * Does the work.
         *
         * @param ctx the context to work under, cancelled when the {@code Mono} ends or is cancelled
         * @return the result, or null for none
         * @throws Exception anything, which fails the {@code Mono}
         */
        T call(Context ctx) throws Exception;
    }

    /** Emits when {@code ctx} is done; never otherwise. */
    static Mono<Boolean> whenDone(Context ctx) {
        return Mono.create(sink -> {
            Stop stop = Context.afterFunc(ctx, () -> sink.success(true));
            sink.onDispose(stop::stop);
        });
    }
}
