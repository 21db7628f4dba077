package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link SearchLoad} with chanflux's WebFlux support, one client in ten hanging up mid-request:
 * afterwards no backend call is running, no request's context is left uncanceled, every other
 * client got its page, and nothing was logged at ERROR.
 */
@SpringBootTest(
        classes = {SearchApplication.class, RequestContexts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "search.fake-backend.latency=10ms")
@Tag("load")
class SearchLoadTest extends SearchLoad {

    @Test
    void clientsThatHangUpLeaveNoBackendCallRunningNoContextUncanceledAndNoErrorLogged() throws Exception {
        run("warm-up", REQUESTS, true);
        Figures withHangUps = run("with chanflux, 10% hanging up", REQUESTS, true);
        Figures withoutHangUps = run("with chanflux", REQUESTS, false);
        var outcomes = outcomes();
        long uncanceled = RequestContexts.awaitDone(contexts.all());
        withHangUps.print();
        withoutHangUps.print();
        System.out.printf(
                "search load, with chanflux: backend calls %s; request contexts %d; logged at ERROR %d, at WARN %d%n",
                outcomes, contexts.all().size(), errors().size(), log.list.size() - errors().size());

        assertThat(withHangUps.failed() + withoutHangUps.failed())
                .as("answers other than 200")
                .isZero();
        assertThat(backend.inFlight()).as("backend calls still running").isZero();
        assertThat(uncanceled).as("request contexts left uncanceled").isZero();
        assertThat(errors()).as("errors logged").isEmpty();
    }
}
