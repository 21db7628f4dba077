package io.github.chanflux.examples.search;

import io.github.chanflux.context.Context;
import io.github.chanflux.webflux.RequestError;
import io.github.chanflux.webflux.UserIp;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * The Go blog's {@code google} package: {@code google.Search(ctx, query)} sends the query to the
 * search backend with the user's IP ({@code userip.FromContext(ctx)}) as a parameter, and decodes
 * the results.
 *
 * <p>The call is made with a {@code WebClient} from Boot's builder, which carries chanflux's
 * {@code DeadlineExchangeFilter}: the call runs within the Go context of its subscriber (the
 * request's, under {@code GoContextWebFilter}), so it is cancelled when that context ends and
 * fails with {@code DeadlineExceeded} when its deadline passes: Go's {@code httpDo(ctx, req, f)}.
 * A backend that answers an error status, or cannot be reached, fails the search with a
 * {@link RequestError} 502 Bad Gateway; a pooled connection found closed before any answer is
 * retried once, as Go's {@code http.Transport} does for a GET.
 */
public final class SearchClient {

    private final WebClient webClient;
    private final Supplier<URI> endpoint;

    /**
     * A client of the search backend at {@code endpoint}.
     *
     * @param webClient the client to call it with, e.g. built from Boot's {@code WebClient.Builder}
     * @param endpoint the backend's search URL (read at each call: the embedded backend's port is
     *     known only once the server listens)
     */
    public SearchClient(WebClient webClient, Supplier<URI> endpoint) {
        this.webClient = Objects.requireNonNull(webClient, "webClient");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Go's {@code google.Search(ctx, query)}: the backend's results for {@code query}.
     *
     * @param ctx the request's context, whose user IP is forwarded; the call's deadline and
     *     cancellation come from the subscriber's context, which is the same under
     *     {@code GoContextWebFilter}
     * @param query the search terms
     * @return the results in rank order; fails with {@link RequestError} 502 if the backend fails
     */
    public Mono<List<Result>> search(Context ctx, String query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(endpoint.get()).queryParam("q", query);
        UserIp.fromContext(ctx).map(InetAddress::getHostAddress).ifPresent(ip -> uri.queryParam("userip", ip));
        return webClient
                .get()
                .uri(uri.encode().build().toUri())
                .retrieve()
                .bodyToMono(SearchApi.Response.class)
                .map(SearchClient::results)
                .retryWhen(Retry.max(1).filter(SearchClient::closedBeforeAnswer))
                .onErrorMap(
                        WebClientResponseException.class,
                        e -> badGateway("the search backend answered " + e.getStatusCode(), e))
                .onErrorMap(
                        WebClientRequestException.class,
                        e -> badGateway("the search backend cannot be reached: " + e.getMessage(), e));
    }

    /**
     * Whether the call failed because a pooled connection closed before any answer came: the
     * one failure Go's {@code http.Transport} retries by itself for an idempotent request on a
     * reused connection. Seen when clients hang up under load (a connection closed by one
     * cancelled call while another took it from the pool).
     */
    private static boolean closedBeforeAnswer(Throwable e) {
        return e instanceof WebClientRequestException && e.getCause() instanceof PrematureCloseException;
    }

    private static List<Result> results(SearchApi.Response response) {
        if (response.responseData() == null || response.responseData().results() == null) {
            return List.of();
        }
        return response.responseData().results().stream()
                .map(item -> new Result(item.titleNoFormatting(), item.url()))
                .toList();
    }

    private static RequestError badGateway(String message, Throwable cause) {
        return new RequestError(HttpStatus.BAD_GATEWAY, message, cause);
    }
}
