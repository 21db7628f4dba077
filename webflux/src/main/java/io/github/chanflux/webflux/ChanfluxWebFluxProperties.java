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
     * gets the deadline now + timeout. The timeout bounds the whole exchange, a streamed response
     * included (see {@link GoContextWebFilter}).
     *
     * <p>Checked at startup: {@code default-timeout} and {@code max-timeout}, where set, must be
     * positive, and {@code max-timeout} at least {@code default-timeout}.
     *
     * @param enabled Whether requests may give a timeout and the default one applies
     * @param parameter The query parameter giving a request's timeout, in Go duration syntax
     *     ({@code 1s}, {@code 250ms}, {@code 1m30s}); it wins over the header. Blank: timeouts are
     *     not read from the query (for an application with a {@code timeout} parameter of its own).
     *     An empty value ({@code ?timeout=}) counts as none given, as Go's {@code r.FormValue}
     *     gives {@code ""} for it
     * @param header The request header giving a request's timeout, in Go duration syntax; blank:
     *     not read from a header. An empty value counts as none given
     * @param defaultTimeout The timeout of a request that gives none; none if unset
     * @param maxTimeout The longest timeout a request may ask for: a longer one is cut to it.
     *     Unset: the default timeout if that is set (a client may shorten the server's timeout,
     *     not lengthen it), else no limit, as in the Go blog
     */
    public record Timeout(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("timeout") String parameter,
            @DefaultValue("X-Request-Timeout") String header,
            Duration defaultTimeout,
            Duration maxTimeout) {

        /** Blank names read as empty; the durations are checked. */
        public Timeout {
            parameter = parameter == null || parameter.isBlank() ? "" : parameter;
            header = header == null || header.isBlank() ? "" : header;
            requirePositive("chanflux.webflux.timeout.default-timeout", defaultTimeout);
            requirePositive("chanflux.webflux.timeout.max-timeout", maxTimeout);
            if (defaultTimeout != null && maxTimeout != null && maxTimeout.compareTo(defaultTimeout) < 0) {
                throw new IllegalArgumentException("chanflux.webflux.timeout.max-timeout (" + maxTimeout
                        + ") must not be shorter than chanflux.webflux.timeout.default-timeout (" + defaultTimeout
                        + ")");
            }
        }

        private static void requirePositive(String property, Duration value) {
            if (value != null && !value.isPositive()) {
                throw new IllegalArgumentException(property + " must be positive, but is " + value);
            }
        }
    }

    /**
     * The user's IP as a value of the request's context, the Go blog's {@code userip}.
     *
     * @param enabled Whether the request's context carries the user's IP
     * @param trustForwardedFor Whether the user's IP is the last address of the last
     *     {@code X-Forwarded-For} header: only behind exactly one proxy, which appends the address
     *     it saw (the addresses before it are whatever the client sent). Else, and for
     *     {@code unknown} or an obfuscated {@code _name}, the connection's remote address is. For
     *     a chain of proxies, use Boot's {@code server.forward-headers-strategy} instead
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
