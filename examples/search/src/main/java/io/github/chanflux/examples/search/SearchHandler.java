package io.github.chanflux.examples.search;

import io.github.chanflux.reactor.GoContexts;
import io.github.chanflux.webflux.GoDuration;
import io.github.chanflux.webflux.RequestError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The Go blog's {@code handleSearch}, for {@code GET /search?q=golang&timeout=1s}: searches for
 * {@code q} under the request's Go context and renders the results with the time taken.
 *
 * <p>What Go's handler wrote by hand comes from chanflux's starter: the context with its
 * deadline ({@code context.WithTimeout}, {@code defer cancel()}), cancelled also when the client
 * goes away, and the user's IP in it ({@code userip.NewContext}) are {@code GoContextWebFilter}'s;
 * a timeout that does not parse is its 400 problem; the deadline passing is a 504 problem with
 * the log ID from {@code ProblemDetailErrorHandler}. A missing {@code q} is Go's
 * {@code http.Error(w, "no query", http.StatusBadRequest)}, as a {@link RequestError}.
 */
public final class SearchHandler {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final SearchClient search;

    /**
     * A handler searching with {@code search}.
     *
     * @param search the backend's client, Go's {@code google} package
     */
    public SearchHandler(SearchClient search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    /**
     * Handles {@code GET /search}.
     *
     * @param request the request, with {@code q} and optionally {@code timeout}
     * @return the results page; fails with {@link RequestError} 400 if {@code q} is missing
     */
    public Mono<ServerResponse> handleSearch(ServerRequest request) {
        String query = request.queryParam("q").orElse("").strip();
        if (query.isEmpty()) {
            return Mono.error(new RequestError(HttpStatus.BAD_REQUEST, "no query: search with ?q=golang", null));
        }
        // Parsed already by GoContextWebFilter, which answered 400 if it does not parse; an
        // empty value is none, as Go's r.FormValue gives "" for it.
        Duration timeout = request.queryParam("timeout")
                .filter(value -> !value.isEmpty())
                .map(GoDuration::parse)
                .orElse(null);
        return GoContexts.current()
                .flatMap(ctx -> {
                    long start = System.nanoTime();
                    return search.search(ctx, query)
                            .map(results -> ResultsPage.render(
                                    query, results, Duration.ofNanos(System.nanoTime() - start), timeout));
                })
                .flatMap(page -> ServerResponse.ok().contentType(HTML).bodyValue(page));
    }
}
