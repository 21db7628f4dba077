package io.github.chanflux.reactor;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Stop;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "chanflux.goContext";
        }
    };

    private GoContexts() {
    }

    /** The subscriber-context key, shared with {@link GoContextAccessor#key()}. */
    static Object key() {
        return KEY;
    }

    /** For {@code contextWrite}: stores {@code ctx} in the subscriber context. */
    public static Function<reactor.util.context.Context, reactor.util.context.Context> put(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        return view -> view.put(KEY, ctx);
    }

    /** The Go context stored in {@code view}, or {@link Context#background()}. */
    public static Context get(ContextView view) {
        Objects.requireNonNull(view, "view");
        return view.getOrDefault(KEY, Context.background());
    }

    /** The Go context of the subscriber, as a {@code Mono}. */
    public static Mono<Context> current() {
        return Mono.deferContextual(view -> Mono.just(get(view)));
    }

    /**
     * Ends the stream when {@code ctx} is done: the source is cancelled and the stream fails with
     * {@code Context.cause(ctx)} ({@link Context#CANCELED}, {@link Context#DEADLINE_EXCEEDED}, or
     * the cause given to {@code cancel}). So a context's deadline bounds the stream, failing with
     * {@code DeadlineExceeded}. Values and completion before that pass through unchanged.
     */
    public static <T> Function<Flux<T>, Flux<T>> within(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        return flux -> flux.takeUntilOther(whenDone(ctx))
                .concatWith(Mono.defer(() -> ctx.err() == null ? Mono.empty() : Mono.error(Context.cause(ctx))));
    }

    /**
     * Runs {@code body} under a context derived from {@code parent} with {@link Context#withCancel}
     * and put in the subscriber context: the stream ends with the parent (see {@link #within}),
     * and when the subscription ends — completion, error, or a client going away — the derived
     * context is cancelled, so goroutines started under it stop (Go's {@code defer cancel()}).
     */
    public static <T> Flux<T> withCancel(Context parent, Function<Context, ? extends Publisher<T>> body) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(body, "body");
        return Flux.defer(() -> {
            CancelableContext ctx = Context.withCancel(parent);
            return Flux.<T>from(body.apply(ctx))
                    .transform(within(ctx))
                    .contextWrite(put(ctx))
                    .doFinally(signal -> ctx.cancel());
        });
    }

    /**
     * The Go blog's {@code httpDo(ctx, req, f)} as a {@code Mono}: runs {@code work} on a
     * goroutine under a context derived from {@code ctx}, and emits its result. If {@code ctx}
     * ends first, the Mono fails with {@code Context.cause(ctx)}; then, or when the subscriber
     * cancels, the derived context is cancelled and the goroutine interrupted. A null result
     * completes empty; an exception from {@code work} is the error.
     */
    public static <T> Mono<T> run(Context ctx, ContextCallable<T> work) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(work, "work");
        return Mono.create(sink -> {
            CancelableContext derived = Context.withCancel(ctx);
            Stop stop = Context.afterFunc(ctx, () -> sink.error(Context.cause(ctx)));
            sink.onDispose(() -> {
                stop.stop();
                derived.cancel();
            });
            Context.go(derived, c -> {
                try {
                    sink.success(work.call(c));
                } catch (InterruptedException stopped) {
                    throw stopped;
                } catch (Exception e) {
                    sink.error(e);
                }
            });
        });
    }

    /** Work done under a Go context, for {@link #run}. */
    @FunctionalInterface
    public interface ContextCallable<T> {
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
