package io.github.chanflux.webflux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.WebFilter;

/**
 * Spring Boot auto-configuration of chanflux's WebFlux support, in a reactive web application:
 * a Go context per request ({@link GoContextWebFilter}), problem-detail errors
 * ({@link ProblemDetailErrorHandler}) and, where Boot's WebClient support is present, the
 * {@link DeadlineExchangeFilter} on every {@code WebClient.Builder} Boot hands out. Each piece
 * backs off when the application defines its own bean of the type, or when switched off in
 * {@link ChanfluxWebFluxProperties}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({WebFilter.class, GoContextWebFilter.class})
@ConditionalOnBooleanProperty(name = "chanflux.webflux.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ChanfluxWebFluxProperties.class)
public class ChanfluxWebFluxAutoConfiguration {

    /** Created by Spring. */
    public ChanfluxWebFluxAutoConfiguration() {}

    /**
     * The filter giving each request its Go context.
     *
     * @param properties the settings
     * @return the filter
     */
    @Bean
    @ConditionalOnMissingBean
    public GoContextWebFilter goContextWebFilter(ChanfluxWebFluxProperties properties) {
        return new GoContextWebFilter(properties.timeout(), properties.userIp());
    }

    /**
     * The problem-detail error handler, writing with the application's codecs.
     *
     * @param codecs the application's codecs, if it has them
     * @return the handler
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "chanflux.webflux.problem-details.enabled", matchIfMissing = true)
    public ProblemDetailErrorHandler problemDetailErrorHandler(ObjectProvider<ServerCodecConfigurer> codecs) {
        return new ProblemDetailErrorHandler(
                codecs.getIfAvailable(ServerCodecConfigurer::create).getWriters());
    }

    /** The WebClient deadline filter, where Boot's WebClient support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebClientCustomizer.class)
    @ConditionalOnBooleanProperty(name = "chanflux.webflux.web-client.enabled", matchIfMissing = true)
    static class WebClientConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DeadlineExchangeFilter deadlineExchangeFilter() {
            return new DeadlineExchangeFilter();
        }

        @Bean
        WebClientCustomizer chanfluxDeadlineWebClientCustomizer(DeadlineExchangeFilter filter) {
            return builder -> builder.filter(filter);
        }
    }
}
