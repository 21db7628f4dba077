package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class GoContextAccessorTest {

    record Seen(Optional<Context> ctx, String mdc, boolean onParallel) {}

    private static Seen seen() {
        return new Seen(
                GoContextAccessor.current(),
                MDC.get(GoContextAccessor.MDC_KEY),
                Thread.currentThread().getName().startsWith("parallel-"));
    }

    @AfterEach
    void disableAutomaticPropagation() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void theAccessorIsRegisteredThroughTheServiceLoader() {
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .anyMatch(a -> a instanceof GoContextAccessor);
    }

    @Test
    void withAutomaticPropagationTheContextAndItsLogIdFollowThreadHops() {
        Hooks.enableAutomaticContextPropagation();
        Context ctx = GoContextAccessor.withLogId(Context.background(), "req-42");
        Flux<Seen> flux = Flux.range(1, 3)
                .publishOn(Schedulers.parallel())
                .map(i -> seen())
                .contextWrite(GoContexts.put(ctx));
        StepVerifier.create(flux)
                .expectNext(new Seen(Optional.of(ctx), "req-42", true))
                .expectNext(new Seen(Optional.of(ctx), "req-42", true))
                .expectNext(new Seen(Optional.of(ctx), "req-42", true))
                .verifyComplete();
        assertThat(seen()).as("nothing leaks onto the test thread").isEqualTo(new Seen(Optional.empty(), null, false));
    }

    @Test
    void aContextWithoutLogIdPropagatesWithoutAnMdcEntry() {
        Hooks.enableAutomaticContextPropagation();
        Context ctx = Context.withValue(Context.background(), io.github.chanflux.context.Key.of("other"), "x");
        StepVerifier.create(Mono.just(1)
                        .publishOn(Schedulers.parallel())
                        .map(i -> seen())
                        .contextWrite(GoContexts.put(ctx)))
                .expectNext(new Seen(Optional.of(ctx), null, true))
                .verifyComplete();
    }

    @Test
    void aSnapshotSetsAndRestoresTheThreadLocalAndTheMdc() {
        Context ctx = GoContextAccessor.withLogId(Context.background(), "req-7");
        reactor.util.context.Context reactorContext = GoContexts.put(ctx).apply(reactor.util.context.Context.empty());
        ContextSnapshotFactory factory = ContextSnapshotFactory.builder().build();
        try (ContextSnapshot.Scope scope = factory.setThreadLocalsFrom(reactorContext)) {
            assertThat(seen()).isEqualTo(new Seen(Optional.of(ctx), "req-7", false));
        }
        assertThat(seen()).isEqualTo(new Seen(Optional.empty(), null, false));
    }
}
