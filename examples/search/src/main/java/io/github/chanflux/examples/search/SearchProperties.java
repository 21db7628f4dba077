package io.github.chanflux.examples.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search server's settings, under {@code search}: where the backend is, and how the embedded
 * fake backend behaves. The Go blog's server had Google's URL written in its {@code google}
 * package; this one has a setting, since that API no longer exists.
 *
 * @param backendUrl The search endpoint to call, e.g. {@code http://localhost:9000/search}; it
 *     takes {@code q} and {@code userip} and answers as the Google Web Search API did (see
 *     {@link SearchApi}). Unset or blank: the fake backend embedded in this server,
 *     {@link FakeSearchBackend#PATH}
 * @param fakeBackend The embedded fake backend
 */
@ConfigurationProperties("search")
public record SearchProperties(
        String backendUrl, @DefaultValue FakeBackend fakeBackend) {

    /**
     * The embedded fake backend, {@link FakeSearchBackend}.
     *
     * @param latency How long it takes to answer each call
     * @param failureRate The fraction of calls, from 0 to 1, it answers with 503 Service
     *     Unavailable (after the latency) instead of results
     */
    public record FakeBackend(
            @DefaultValue("100ms") Duration latency,
            @DefaultValue("0") double failureRate) {}
}
