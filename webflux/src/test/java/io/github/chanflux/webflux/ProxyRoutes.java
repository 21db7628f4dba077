package io.github.chanflux.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.github.chanflux.reactor.GoContexts;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A slow backend, which hands out its request's context and never answers, and a proxy calling
 * it on the same server with Boot's {@code WebClient.Builder}: registered by
 * {@link SpringBootServerTest} only, as a {@code @WebFluxTest} slice has no WebClient support.
 */
class ProxyRoutes {

    @Bean
    RouterFunction<ServerResponse> backendAndProxy(WebClient.Builder builder) {
        return route(
                        GET("/backend/silent"),
                        request -> GoContexts.current()
                                .doOnNext(TestApp.BACKEND_CONTEXTS::add)
                                .then(Mono.never()))
                .andRoute(GET("/proxy"), request -> {
                    WebClient client = builder.baseUrl("http://127.0.0.1:"
                                    + request.exchange()
                                            .getRequest()
                                            .getLocalAddress()
                                            .getPort())
                            .build();
                    return client.get()
                            .uri("/backend/silent")
                            .retrieve()
                            .bodyToMono(String.class)
                            .flatMap(body -> ServerResponse.ok().bodyValue(body));
                });
    }
}
