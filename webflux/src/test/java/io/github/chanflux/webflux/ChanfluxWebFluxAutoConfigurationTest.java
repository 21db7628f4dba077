package io.github.chanflux.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/** The auto-configuration's beans and switches. */
class ChanfluxWebFluxAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(ChanfluxWebFluxAutoConfiguration.class, WebClientAutoConfiguration.class));

    @Test
    void everyPieceIsThereByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(GoContextWebFilter.class);
            assertThat(context).hasSingleBean(ProblemDetailErrorHandler.class);
            assertThat(context).hasSingleBean(DeadlineExchangeFilter.class);
            ChanfluxWebFluxProperties properties = context.getBean(ChanfluxWebFluxProperties.class);
            assertThat(properties.timeout())
                    .isEqualTo(new ChanfluxWebFluxProperties.Timeout(true, "timeout", "X-Request-Timeout", null, null));
            assertThat(properties.userIp()).isEqualTo(new ChanfluxWebFluxProperties.UserIp(true, false));
        });
    }

    @Test
    void bootsWebClientBuilderGetsTheDeadlineFilter() {
        runner.run(context -> {
            List<ExchangeFilterFunction> filters = new ArrayList<>();
            context.getBean(WebClient.Builder.class).filters(filters::addAll);
            assertThat(filters).containsExactly(context.getBean(DeadlineExchangeFilter.class));
        });
    }

    @Test
    void theMasterSwitchTurnsEverythingOff() {
        runner.withPropertyValues("chanflux.webflux.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(GoContextWebFilter.class);
            assertThat(context).doesNotHaveBean(ProblemDetailErrorHandler.class);
            assertThat(context).doesNotHaveBean(DeadlineExchangeFilter.class);
            assertThat(context).doesNotHaveBean(ChanfluxWebFluxProperties.class);
        });
    }

    @Test
    void problemDetailsCanBeSwitchedOff() {
        runner.withPropertyValues("chanflux.webflux.problem-details.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ProblemDetailErrorHandler.class);
                    assertThat(context).hasSingleBean(GoContextWebFilter.class);
                });
    }

    @Test
    void theWebClientFilterCanBeSwitchedOff() {
        runner.withPropertyValues("chanflux.webflux.web-client.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(DeadlineExchangeFilter.class);
            assertThat(context.getBeansOfType(WebClientCustomizer.class)).isEmpty();
            assertThat(context).hasSingleBean(GoContextWebFilter.class);
        });
    }

    @Test
    void timeoutsAndUserIpsAreConfigurable() {
        runner.withPropertyValues(
                        "chanflux.webflux.timeout.enabled=false",
                        "chanflux.webflux.timeout.parameter=deadline",
                        "chanflux.webflux.timeout.header=Grpc-Timeout",
                        "chanflux.webflux.timeout.default-timeout=30s",
                        "chanflux.webflux.timeout.max-timeout=2m",
                        "chanflux.webflux.user-ip.enabled=false",
                        "chanflux.webflux.user-ip.trust-forwarded-for=true")
                .run(context -> {
                    ChanfluxWebFluxProperties properties = context.getBean(ChanfluxWebFluxProperties.class);
                    assertThat(properties.timeout())
                            .isEqualTo(new ChanfluxWebFluxProperties.Timeout(
                                    false, "deadline", "Grpc-Timeout", Duration.ofSeconds(30), Duration.ofMinutes(2)));
                    assertThat(properties.userIp()).isEqualTo(new ChanfluxWebFluxProperties.UserIp(false, true));
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "default-timeout=-1s||chanflux.webflux.timeout.default-timeout must be positive, but is PT-1S",
                "default-timeout=0s||chanflux.webflux.timeout.default-timeout must be positive, but is PT0S",
                "max-timeout=-5m||chanflux.webflux.timeout.max-timeout must be positive, but is PT-5M",
                "default-timeout=2m|max-timeout=1m|chanflux.webflux.timeout.max-timeout (PT1M) must not be shorter than"
                        + " chanflux.webflux.timeout.default-timeout (PT2M)",
            })
    void badTimeoutsFailTheStartupNamingPropertyAndValue(String first, String second, String message) {
        var properties = second == null
                ? new String[] {"chanflux.webflux.timeout." + first}
                : new String[] {"chanflux.webflux.timeout." + first, "chanflux.webflux.timeout." + second};
        runner.withPropertyValues(properties)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(message));
    }

    @Test
    void aBlankParameterOrHeaderIsNotRead() {
        runner.withPropertyValues("chanflux.webflux.timeout.parameter=", "chanflux.webflux.timeout.header= ")
                .run(context -> {
                    ChanfluxWebFluxProperties.Timeout timeout =
                            context.getBean(ChanfluxWebFluxProperties.class).timeout();
                    assertThat(timeout.parameter()).isEmpty();
                    assertThat(timeout.header()).isEmpty();
                });
    }

    @Test
    void theApplicationsOwnBeansWin() {
        var own = new GoContextWebFilter(
                new ChanfluxWebFluxProperties.Timeout(true, "t", "T", null, null),
                new ChanfluxWebFluxProperties.UserIp(false, false));
        runner.withBean(GoContextWebFilter.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(GoContextWebFilter.class)).isSameAs(own));
    }

    @Test
    void nothingOutsideAReactiveWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ChanfluxWebFluxAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(GoContextWebFilter.class));
    }
}
