package io.github.chanflux.examples.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A stand-in for the Google Web Search API that the Go blog's {@code google.Search} called, which
 * no longer exists: {@code GET /backend/search?q=golang&userip=…} answers, after a configured
 * latency, the results of a small bundled data set ({@code search/results.tsv}) whose title or
 * URL contains every word of {@code q}, as JSON in that API's shape ({@link SearchApi}); a
 * configured fraction of calls fails with 503 instead.
 *
 * <p>It runs on the search server itself, so the server starts alone and offline, and it is
 * observable: {@link #onCall} tells each call as it arrives, with its {@linkplain Call#outcome()
 * outcome}, and {@link #inFlight()} counts those still running. A call whose client goes away
 * (the search server cancelling it when the user's request ends) ends {@link Outcome#CANCELLED}.
 */
public final class FakeSearchBackend {

    /** The route of the fake backend's search endpoint. */
    public static final String PATH = "/backend/search";

    /** How a call ended. */
    public enum Outcome {
        /** Results were answered. */
        ANSWERED,
        /** The configured failure rate struck: 503. */
        FAILED,
        /** The caller went away before the answer. */
        CANCELLED
    }

    /**
     * A call as the backend saw it.
     *
     * @param query the {@code q} parameter, empty if absent
     * @param userIp the {@code userip} parameter, empty if absent
     * @param outcome how the call ends, once it has
     */
    public record Call(String query, String userIp, Mono<Outcome> outcome) {}

    private final List<Result> data;
    private final Duration latency;
    private final double failureRate;
    private final AtomicLong inFlight = new AtomicLong();
    private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

    /**
     * A backend answering from {@code data}.
     *
     * @param data the results it searches, in rank order
     * @param settings its latency and failure rate
     * @throws IllegalArgumentException if the latency is negative or the failure rate not in [0, 1]
     */
    public FakeSearchBackend(List<Result> data, SearchProperties.FakeBackend settings) {
        this.data = List.copyOf(data);
        this.latency = Objects.requireNonNull(settings.latency(), "latency");
        this.failureRate = settings.failureRate();
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency " + latency + " is negative");
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failure rate " + failureRate + " is not in [0, 1]");
        }
    }

    /**
     * The bundled data set, {@code search/results.tsv} on the class path: one result a line,
     * title TAB url; lines starting with {@code #} are comments.
     *
     * @return the results, in file order
     */
    public static List<Result> bundledData() {
        try (InputStream in = FakeSearchBackend.class.getResourceAsStream("/search/results.tsv")) {
            Objects.requireNonNull(in, "search/results.tsv is not on the class path");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 2))
                    .map(fields -> new Result(fields[0], fields[1]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Handles {@code GET /backend/search}.
     *
     * @param request the call
     * @return the answer, after the latency
     */
    public Mono<ServerResponse> search(ServerRequest request) {
        return Mono.defer(() -> {
            Sinks.One<Outcome> outcome = Sinks.one();
            AtomicBoolean ended = new AtomicBoolean();
            Call call = new Call(
                    request.queryParam("q").orElse(""),
                    request.queryParam("userip").orElse(""),
                    outcome.asMono());
            inFlight.incrementAndGet();
            listeners.forEach(listener -> listener.accept(call));
            boolean fails = ThreadLocalRandom.current().nextDouble() < failureRate;
            // The call ends before its answer goes on: a client that has the answer never sees it
            // still counted in flight (doFinally would run after the answer was passed on).
            return Mono.delay(latency)
                    .then(Mono.defer(() -> fails ? unavailable() : answer(call.query())))
                    .doOnSuccess(response -> end(ended, outcome, fails ? Outcome.FAILED : Outcome.ANSWERED))
                    .doOnError(error -> end(ended, outcome, Outcome.FAILED))
                    .doOnCancel(() -> end(ended, outcome, Outcome.CANCELLED));
        });
    }

    /**
     * Records how a call ended, once: the first of its end signals counts. The call leaves the
     * count before its outcome is told, so whoever awaits the outcome never sees it in flight.
     */
    private void end(AtomicBoolean ended, Sinks.One<Outcome> outcome, Outcome how) {
        if (ended.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
            outcome.tryEmitValue(how);
        }
    }

    /**
     * Calls {@code listener} with each call as it arrives, on the thread handling it, until
     * disposed.
     *
     * @param listener the listener; it must not block
     * @return what stops the listening
     */
    public Disposable onCall(Consumer<Call> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** {@return the number of calls that arrived and have not ended yet} */
    public long inFlight() {
        return inFlight.get();
    }

    /**
     * The results whose title or URL contains every word of {@code query}, ignoring case.
     *
     * @param query the words to look for
     * @return the matching results, in rank order
     */
    List<Result> find(String query) {
        List<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        return data.stream()
                .filter(result -> {
                    String text = (result.title() + " " + result.url()).toLowerCase(Locale.ROOT);
                    return words.stream().allMatch(text::contains);
                })
                .toList();
    }

    private Mono<ServerResponse> answer(String query) {
        List<SearchApi.Item> items = find(query).stream()
                .map(result -> new SearchApi.Item(result.title(), result.url()))
                .toList();
        return ServerResponse.ok().bodyValue(new SearchApi.Response(new SearchApi.ResponseData(items)));
    }

    private static Mono<ServerResponse> unavailable() {
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).bodyValue("fake search backend: injected failure");
    }
}
