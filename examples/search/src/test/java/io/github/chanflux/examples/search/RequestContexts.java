package io.github.chanflux.examples.search;

import io.github.chanflux.context.Context;
import io.github.chanflux.webflux.GoContextWebFilter;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A filter, right after chanflux's, noting the Go context of every request the server takes,
 * so that tests can see the contexts end. Registered as a bean by the tests' Spring Boot
 * configuration.
 */
final class RequestContexts implements WebFilter, Ordered {

    /** A request's target ({@code /search?q=golang}) and its context. */
    record Seen(String target, Context ctx) {}

    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Context ctx = exchange.getAttribute(GoContextWebFilter.CONTEXT_ATTRIBUTE);
        if (ctx != null) {
            var uri = exchange.getRequest().getURI();
            seen.add(new Seen(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), ctx));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return GoContextWebFilter.ORDER + 1;
    }

    /** The context of the request for {@code target}, which must have arrived. */
    Context of(String target) {
        return seen.stream()
                .filter(s -> s.target().equals(target))
                .map(Seen::ctx)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request for " + target));
    }

    /** The contexts of all requests so far. */
    List<Context> all() {
        return seen.stream().map(Seen::ctx).toList();
    }

    /**
     * Waits until every one of {@code contexts} is done, or a minute has passed.
     *
     * @return how many are not done: zero, unless a context was left uncanceled
     */
    static long awaitDone(List<Context> contexts) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(contexts.size());
        contexts.forEach(ctx -> Context.afterFunc(ctx, done::countDown));
        done.await(1, TimeUnit.MINUTES);
        return contexts.stream().filter(ctx -> ctx.err() == null).count();
    }
}
