package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.chanflux.examples.search.FakeSearchBackend.Call;
import io.github.chanflux.examples.search.FakeSearchBackend.Outcome;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A bounded loopback load on the search server: {@value #REQUESTS} requests (after as many of
 * warm-up), {@value #CONCURRENCY} at a time, where every {@value #HANG_UP_EVERY}th client may hang
 * up once its search has reached the backend. A run's figures (throughput, latency percentiles
 * of the answered requests) are printed, never asserted.
 */
abstract class SearchLoad {

    static final int REQUESTS = 2_000;
    static final int CONCURRENCY = 64;
    static final int HANG_UP_EVERY = 10;

    @LocalServerPort
    int port;

    @Autowired
    FakeSearchBackend backend;

    @Autowired
    RequestContexts contexts;

    /** Every backend call of the test. */
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();

    /** Everything logged during the test. */
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Map<String, CompletableFuture<Call>> awaited = new ConcurrentHashMap<>();
    private final AtomicInteger hangUps = new AtomicInteger();
    private Disposable watch;

    /** The workaround of {@link SearchApplication#useUnpooledNettyBuffers()}, set by the build. */
    @BeforeEach
    void nettyBuffersAreNeverReused() {
        assertThat(ByteBufAllocator.DEFAULT)
                .as("Netty's allocator (io.netty.allocator.type=unpooled, see SearchApplication)")
                .isInstanceOf(UnpooledByteBufAllocator.class);
    }

    @BeforeEach
    void watchTheBackendAndTheLog() {
        log.start();
        root().addAppender(log);
        watch = backend.onCall(call -> {
            calls.add(call);
            CompletableFuture<Call> waiting = awaited.remove(call.query());
            if (waiting != null) {
                waiting.complete(call);
            }
        });
    }

    @AfterEach
    void stopWatching() {
        watch.dispose();
        root().detachAppender(log);
        http.close();
    }

    /** How the backend calls ended, once they all have (failing after a minute). */
    Map<Outcome, Long> outcomes() {
        return Flux.fromIterable(calls).flatMap(Call::outcome).collectList().block(Duration.ofMinutes(1)).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The events logged at ERROR. */
    List<ILoggingEvent> errors() {
        return log.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * Runs {@code n} requests through {@value #CONCURRENCY} clients on virtual threads; if
     * {@code hangUps}, every {@value #HANG_UP_EVERY}th client hangs up mid-request.
     */
    Figures run(String label, int n, boolean hangUps) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> workers = IntStream.range(0, CONCURRENCY)
                    .mapToObj(worker -> clients.submit(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            if (hangUps && i % HANG_UP_EVERY == HANG_UP_EVERY - 1) {
                                hangUpMidRequest();
                            } else if (!search(latencies)) {
                                failed.incrementAndGet();
                            }
                        }
                        return null;
                    }))
                    .toList();
            for (Future<Object> worker : workers) {
                worker.get();
            }
        }
        long elapsed = System.nanoTime() - start;
        return new Figures(
                label,
                n,
                elapsed,
                hangUps ? n / HANG_UP_EVERY : 0,
                failed.get(),
                latencies.stream().sorted().toList());
    }

    /** One search, answered in full; whether it was a 200. */
    private boolean search(Queue<Long> latencies) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/search?q=golang"))
                .timeout(Duration.ofMinutes(1))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        latencies.add(System.nanoTime() - start);
        return response.statusCode() == 200;
    }

    /** A client that hangs up once its search has reached the backend. */
    private void hangUpMidRequest() throws Exception {
        int id = hangUps.incrementAndGet();
        CompletableFuture<Call> arrived = new CompletableFuture<>();
        awaited.put("golang hang up " + id, arrived);
        try (HangUp client = new HangUp(port, "/search?q=golang+hang+up+" + id)) {
            arrived.get(1, TimeUnit.MINUTES);
        }
    }

    /** A run's figures; latencies in nanoseconds, sorted. */
    record Figures(String label, int requests, long elapsedNanos, int hungUp, int failed, List<Long> latencies) {

        void print() {
            System.out.printf(
                    "search load, %s: %d requests, %d concurrent, %d hung up: %.0f requests/s,"
                            + " p50 %.2f ms, p99 %.2f ms (answered requests); %d not 200%n",
                    label, requests, CONCURRENCY, hungUp, throughput(), percentile(0.50), percentile(0.99), failed);
        }

        double throughput() {
            return requests / (elapsedNanos / 1e9);
        }

        double percentile(double p) {
            int index = (int) Math.ceil(p * latencies.size()) - 1;
            return latencies.get(Math.max(index, 0)) / 1e6;
        }
    }
}
