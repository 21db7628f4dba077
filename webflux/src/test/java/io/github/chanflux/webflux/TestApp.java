package io.github.chanflux.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.github.chanflux.context.Context;
import io.github.chanflux.reactor.GoContexts;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A Boot application with nothing but auto-configuration and two routes: the context, and a
 * handler that never answers. {@link ProxyRoutes} adds a slow backend and a proxy.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApp {

    /** The contexts of the backend's requests, for the test to watch. */
    static final BlockingQueue<Context> BACKEND_CONTEXTS = new LinkedBlockingQueue<>();

    @Bean
    RouterFunction<ServerResponse> contextRoutes() {
        return route(
                        GET("/ctx"),
                        request -> GoContexts.current()
                                .flatMap(ctx -> ServerResponse.ok()
                                        .bodyValue(ctx.deadline()
                                                .map(Object::toString)
                                                .orElse("none"))))
                .andRoute(GET("/never"), request -> Mono.never());
    }
}
