package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Go blog's "Go Concurrency Patterns: Context" (Sameer Ajmani, 2014) as a console program.
 * {@code handleSearch} gives each search a context with a timeout and the user's IP as a value
 * (the blog's {@code userip} package); {@code search} (the blog's {@code google.Search}) sends
 * the query through {@code httpDo}, which returns the context's error as soon as the context is
 * done. The backend is fake: it answers after a latency on the clock, or fails with the
 * request's context error, as Go's HTTP client does for a request made with
 * {@code req.WithContext(ctx)}. The first search has a timeout of 1 s and finishes in time, the
 * second has 100 ms:
 *
 * <pre>
 * /search?q=golang&amp;timeout=1s
 * backend: GET /search?q=golang&amp;userip=192.0.2.1
 *   The Go Programming Language - https://go.dev/
 *   …
 *   3 results in 300ms; timeout 1s
 * /search?q=golang&amp;timeout=100ms
 * backend: GET /search?q=golang&amp;userip=192.0.2.1
 *   context deadline exceeded
 * </pre>
 */
public final class ContextSearch {

    /** How long the fake backend takes to answer. */
    static final Duration LATENCY = Duration.ofMillis(300);

    static final List<SearchResult> RESULTS = List.of(
            new SearchResult("The Go Programming Language", "https://go.dev/"),
            new SearchResult("Go Concurrency Patterns: Context", "https://go.dev/blog/context"),
            new SearchResult("context package - Go Packages", "https://pkg.go.dev/context"));

    private ContextSearch() {}

    /** The blog's {@code google.Result}. */
    record SearchResult(String title, String url) {}

    /** The blog's {@code userip} package: the user's IP address as a value of a context. */
    static final class UserIp {
        /** The blog's {@code userIPKey}: private, so no other package can read or overwrite it. */
        private static final Key<InetAddress> USER_IP_KEY = Key.of("userIP");

        private UserIp() {}

        /** {@code userip.NewContext(ctx, userIP)}. */
        static Context newContext(Context ctx, InetAddress userIp) {
            return Context.withValue(ctx, USER_IP_KEY, userIp);
        }

        /** {@code userip.FromContext(ctx)}: empty if {@code ctx} has no user IP. */
        static Optional<InetAddress> fromContext(Context ctx) {
            return ctx.value(USER_IP_KEY);
        }
    }

    /** A fake search backend: answers every query with {@link #RESULTS} after {@code latency} on {@code clock}. */
    record Backend(Clock clock, Duration latency, Consumer<String> log) {

        /** Answers {@code query}, or throws {@code ctx}'s error if {@code ctx} is done first. */
        List<SearchResult> get(Context ctx, String query) throws Exception {
            log.accept("backend: GET /search?" + query);
            Chan<Void> answered = Chan.make();
            Timer latencyTimer = clock.afterFunc(latency, answered::close);
            try {
                return select(recv(answered, r -> RESULTS), recv(ctx.done(), r -> {
                    throw ctx.err();
                }));
            } finally {
                latencyTimer.stop();
            }
        }
    }

    /**
     * The blog's {@code google.Search}: the query and, if {@code ctx} carries one, the user's IP,
     * sent to {@code backend} through {@link #httpDo}.
     *
     * @throws Exception {@code ctx}'s error if it is done before the backend answers
     */
    static List<SearchResult> search(Context ctx, Backend backend, String query) throws Exception {
        String q = "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + UserIp.fromContext(ctx)
                        .map(ip -> "&userip=" + ip.getHostAddress())
                        .orElse("");
        return httpDo(ctx, backend, q);
    }

    // spotless:off (the Go stays beside the Java it translates)
    /**
     * The blog's {@code httpDo}: the request on its own goroutine, its answer or {@code ctx.Err()},
     * whichever comes first. The goroutine's answer is a {@link Result}, whose error is always an
     * {@code Exception} ({@link Result#of} catches nothing else).
     */
    static List<SearchResult> httpDo(Context ctx, Backend backend, String query) throws Exception {
        Chan<Result<List<SearchResult>>> c = Chan.make(1);                         // c := make(chan error, 1)
        Go.go(() -> c.trySend(Result.of(() -> backend.get(ctx, query))));         // go func() { c <- f(client.Do(req)) }()
        return select(
                recv(ctx.done(), r -> {                                          // case <-ctx.Done():
                    c.receive();                                                 //     <-c // Wait for f to return.
                    throw ctx.err();                                             //     return ctx.Err()
                }),
                recv(c, r -> switch (r.value()) {                                // case err := <-c:
                    case Result.Ok<List<SearchResult>> ok -> ok.value();         //     return err
                    case Result.Err<List<SearchResult>> err -> throw (Exception) err.error();
                }));
    }
    // spotless:on

    /**
     * The blog's {@code handleSearch} for one request: a context with {@code timeout} and the
     * user's IP, the search, then the results as its template shows them, or the error as
     * {@code http.Error} writes it.
     */
    static void handleSearch(
            Consumer<String> out, Clock clock, Backend backend, String query, Duration timeout, InetAddress userIp)
            throws InterruptedException {
        out.accept("/search?q=" + query + "&timeout=" + GoDuration.format(timeout));
        try (CancelableContext ctx = Context.withTimeout(Context.withClock(Context.background(), clock), timeout)) {
            Instant start = clock.now();
            List<SearchResult> results;
            try {
                results = search(UserIp.newContext(ctx, userIp), backend, query);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                out.accept("  " + e.getMessage());
                return;
            }
            Duration elapsed = Duration.between(start, clock.now());
            for (SearchResult r : results) {
                out.accept("  " + r.title() + " - " + r.url());
            }
            out.accept(String.format(
                    "  %d results in %s; timeout %s",
                    results.size(), GoDuration.format(elapsed), GoDuration.format(timeout)));
        }
    }

    /** One search that finishes in time, one that times out, from the user at 192.0.2.1. */
    static void run(Consumer<String> out, Clock clock) throws Exception {
        InetAddress userIp = InetAddress.getByName("192.0.2.1"); // a literal: no lookup
        Backend backend = new Backend(clock, LATENCY, out);
        handleSearch(out, clock, backend, "golang", Duration.ofSeconds(1), userIp);
        handleSearch(out, clock, backend, "golang", Duration.ofMillis(100), userIp);
    }

    public static void main(String[] args) throws Exception {
        run(System.out::println, Clock.system());
    }
}
