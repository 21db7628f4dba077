package io.github.chanflux.reactor;

import io.github.chanflux.context.Context;
import java.util.Objects;
import java.util.function.Function;
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
}
