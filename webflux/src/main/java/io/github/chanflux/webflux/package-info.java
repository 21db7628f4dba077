/**
 * chanflux for Spring WebFlux: Go's request contexts (the Go blog's {@code context} article) in
 * a WebFlux server. Each request gets a Go {@code Context} with its deadline and the user's IP
 * ({@link io.github.chanflux.webflux.GoContextWebFilter}, {@link io.github.chanflux.webflux.UserIp}),
 * cancelled when the response ends or the client goes away; outgoing {@code WebClient} calls are
 * bounded by it ({@link io.github.chanflux.webflux.DeadlineExchangeFilter}); errors are answered
 * as RFC 9457 problem details with a log ID
 * ({@link io.github.chanflux.webflux.ProblemDetailErrorHandler}). Adding the artifact to a Spring
 * Boot application installs all of it
 * ({@link io.github.chanflux.webflux.ChanfluxWebFluxAutoConfiguration}), configured under
 * {@code chanflux.webflux} ({@link io.github.chanflux.webflux.ChanfluxWebFluxProperties}).
 */
package io.github.chanflux.webflux;
