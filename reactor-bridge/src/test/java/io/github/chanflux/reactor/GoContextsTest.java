package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class GoContextsTest {

    private static final Key<String> USER = Key.of("user");

    @Test
    void operatorsReadTheGoContextAndItsValues() {
        Context ctx = Context.withValue(Context.background(), USER, "gopher");
        Mono<String> user = GoContexts.current().map(c -> c.value(USER).orElse("nobody"));
        StepVerifier.create(user.contextWrite(GoContexts.put(ctx))).expectNext("gopher").verifyComplete();
    }

    @Test
    void withoutAGoContextItIsBackground() {
        StepVerifier.create(GoContexts.current()).expectNext(Context.background()).verifyComplete();
    }

    @Test
    void theNearestPutWins() {
        Context outer = Context.withValue(Context.background(), USER, "outer");
        Context inner = Context.withValue(Context.background(), USER, "inner");
        Mono<String> user = GoContexts.current().map(c -> c.value(USER).orElseThrow());
        StepVerifier.create(user.contextWrite(GoContexts.put(inner)).contextWrite(GoContexts.put(outer)))
                .expectNext("inner")
                .verifyComplete();
        assertThat(GoContexts.get(reactor.util.context.Context.empty())).isSameAs(Context.background());
    }
}
