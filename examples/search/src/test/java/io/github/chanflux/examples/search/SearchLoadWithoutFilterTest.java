package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The baseline of {@link SearchLoadTest}: the same load with chanflux's WebFlux support switched
 * off ({@code chanflux.webflux.enabled=false}), so no Go context, user IP or deadline, only
 * Reactor's own cancellation. Its clients do not hang up: under hang-ups plain WebFlux logs
 * "The client response body has been released already due to cancellation" at ERROR and
 * now and then leaves a later response unwritten, which would make its figures meaningless.
 */
@SpringBootTest(
        classes = {SearchApplication.class, RequestContexts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"search.fake-backend.latency=10ms", "chanflux.webflux.enabled=false"})
@Tag("load")
class SearchLoadWithoutFilterTest extends SearchLoad {

    @Test
    void baselineWithoutChanflux() throws Exception {
        run("warm-up", REQUESTS, false);
        Figures figures = run("without chanflux", REQUESTS, false);
        var outcomes = outcomes();
        figures.print();
        System.out.printf("search load, without chanflux: backend calls %s%n", outcomes);

        assertThat(figures.failed()).as("answers other than 200").isZero();
        assertThat(backend.inFlight()).as("backend calls still running").isZero();
    }
}
