package io.github.chanflux.webflux;

import io.github.chanflux.context.Context;
import io.github.chanflux.reactor.GoContexts;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Bounds each {@code WebClient} call by the Go {@link Context} of its subscriber: Go's
 * {@code http.NewRequestWithContext(ctx, …)}, whose request is abandoned when {@code ctx} is
 * done. The context is read with {@link GoContexts#get}, so a call made by a handler under
 * {@link GoContextWebFilter} carries the request's deadline and cancellation.
 *
 * <p>Both the exchange (until the response's headers arrive) and the response body (until its
 * last byte) run {@link GoContexts#within within} the context: when it ends, the call is
 * cancelled, which closes its connection, and fails with {@code Context.cause(ctx)}, so
 * {@link Context#DEADLINE_EXCEEDED} once the deadline passed and {@link Context#CANCELED} once
 * cancelled (as the cause of Spring's {@code WebClientResponseException} once the body is being
 * read, as Go's client wraps {@code ctx.Err()} in a {@code *url.Error}). Unlike Reactor Netty's {@code responseTimeout}, a gap between reads, this is a
 * deadline for the whole call. Without a Go context in the subscriber context the call runs
 * unbounded, as under {@link Context#background()}.
 */
public final class DeadlineExchangeFilter implements ExchangeFilterFunction {

    /** A filter reading the context of each call's subscriber. */
    public DeadlineExchangeFilter() {}

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.deferContextual(view -> {
            Context ctx = GoContexts.get(view);
            return next.exchange(request)
                    .flux()
                    .transform(GoContexts.within(ctx))
                    .singleOrEmpty()
                    .map(response -> response.mutate()
                            .body(body -> body.transform(GoContexts.within(ctx)))
                            .build());
        });
    }
}
