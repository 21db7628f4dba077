package io.github.chanflux.examples.search;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Go blog's {@code server} program ("Go Concurrency Patterns: Context"): {@code main}
 * registers {@code handleSearch} at {@code /search} and listens on port 8080. Beside it, at
 * {@link FakeSearchBackend#PATH}, runs the fake search backend it calls unless
 * {@code search.backend-url} names another ({@link SearchProperties}).
 */
@SpringBootApplication
@EnableConfigurationProperties(SearchProperties.class)
public class SearchApplication {

    /** Created by Spring. */
    public SearchApplication() {}

    /**
     * Starts the server: {@code http.HandleFunc("/search", handleSearch)},
     * {@code http.ListenAndServe(":8080", nil)}.
     *
     * @param args Spring Boot's arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        useUnpooledNettyBuffers();
        SpringApplication.run(SearchApplication.class, args);
    }

    /**
     * A workaround for a use-after-free in Spring WebFlux 7.0.8 on Reactor Netty 1.3.6 / Netty
     * 4.2 when clients hang up: makes Netty allocate buffers that are never reused, unless
     * {@code io.netty.allocator.type} is set already. Must run before Netty allocates its first
     * buffer.
     *
     * <p>When a client goes away while its response is being written, WebFlux releases the
     * response's buffer a second time after Netty took it over and released it:
     * {@code AbstractServerHttpResponse.writeWith} in its {@code doOnCancel} (the write's
     * subscription not seen) and {@code doOnError}, and {@code EncoderHttpMessageWriter}'s
     * discard hook. That release is guarded by {@code DataBufferUtils.release}'s
     * {@code isAllocated()}, a check then an act: Netty's pooled and adaptive allocators recycle
     * a released buffer object at once, so when another thread has just taken the same object for
     * another response, the guard passes and frees that response's live buffer. Netty then
     * reports {@code IllegalReferenceCountException: refCnt: 0, decrement: 1} while encoding that
     * response, whose request may then never be answered (the load test hung so, about one run
     * in five).
     * An unpooled buffer is a new object every time, so the late release finds it released and
     * does nothing. Related upstream reports: spring-projects/spring-framework#36438 and
     * reactor/reactor-netty#3683.
     */
    static void useUnpooledNettyBuffers() {
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "unpooled");
        }
    }

    /**
     * The embedded fake backend, answering from the bundled data set.
     *
     * @param properties the settings
     * @return the backend
     */
    @Bean
    public FakeSearchBackend fakeSearchBackend(SearchProperties properties) {
        return new FakeSearchBackend(FakeSearchBackend.bundledData(), properties.fakeBackend());
    }

    /**
     * The backend's client, calling {@code search.backend-url}, else the embedded backend on
     * this server's port.
     *
     * @param builder Boot's builder, which carries chanflux's deadline filter
     * @param properties the settings
     * @param environment where the server's port is once it listens ({@code local.server.port})
     * @return the client
     */
    @Bean
    public SearchClient searchClient(WebClient.Builder builder, SearchProperties properties, Environment environment) {
        String configured = properties.backendUrl();
        if (configured != null && !configured.isBlank()) {
            URI endpoint = URI.create(configured.strip());
            return new SearchClient(builder.build(), () -> endpoint);
        }
        return new SearchClient(
                builder.build(),
                () -> URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")
                        + FakeSearchBackend.PATH));
    }

    /**
     * The routes: {@code /search}, and the fake backend.
     *
     * @param search the backend's client
     * @param backend the fake backend
     * @return the routes
     */
    @Bean
    public RouterFunction<ServerResponse> searchRoutes(SearchClient search, FakeSearchBackend backend) {
        SearchHandler handler = new SearchHandler(search);
        return route(GET("/search"), handler::handleSearch).andRoute(GET(FakeSearchBackend.PATH), backend::search);
    }
}
