package io.github.chanflux.webflux;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of chanflux's WebFlux support, under {@code chanflux.webflux}: each piece can be
 * switched off, and {@code chanflux.webflux.enabled=false} switches off them all.
 *
 * @param enabled Whether any of chanflux's WebFlux support is installed
 * @param timeout Per-request timeouts: where a request names one, and the default
 * @param userIp The user's IP in the request's context
 * @param webClient The deadline filter on Boot's {@code WebClient.Builder}
 * @param problemDetails The RFC 9457 error handler
 */
@ConfigurationProperties("chanflux.webflux")
public record ChanfluxWebFluxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Timeout timeout,
        @DefaultValue UserIp userIp,
        @DefaultValue WebClient webClient,
        @DefaultValue ProblemDetails problemDetails) {

    /**
     * Per-request timeouts, the Go blog's {@code timeout} query parameter: the request's context
     * gets the deadline now + timeout.
     *
     * @param enabled Whether requests may give a timeout and the default one applies
     * @param parameter The query parameter giving a request's timeout, in Go duration syntax
     *     ({@code 1s}, {@code 250ms}, {@code 1m30s}); it wins over the header
     * @param header The request header giving a request's timeout, in Go duration syntax
     * @param defaultTimeout The timeout of a request that gives none; none if unset
     */
    public record Timeout(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("timeout") String parameter,
            @DefaultValue("X-Request-Timeout") String header,
            Duration defaultTimeout) {}

    /**
     * The user's IP as a value of the request's context, the Go blog's {@code userip}.
     *
     * @param enabled Whether the request's context carries the user's IP
     * @param trustForwardedFor Whether the first address of {@code X-Forwarded-For} is the
     *     user's: only behind a proxy that sets it; else the connection's remote address is
     */
    public record UserIp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("false") boolean trustForwardedFor) {}

    /**
     * The {@link DeadlineExchangeFilter} on Boot's {@code WebClient.Builder}.
     *
     * @param enabled Whether WebClients built by Boot's builder are bounded by the Go context
     */
    public record WebClient(@DefaultValue("true") boolean enabled) {}

    /**
     * The {@link ProblemDetailErrorHandler}.
     *
     * @param enabled Whether errors are answered as RFC 9457 problem details
     */
    public record ProblemDetails(@DefaultValue("true") boolean enabled) {}
}
