/**
 * Rate limiting: Go's {@code golang.org/x/time/rate} token bucket ({@link
 * io.github.chanflux.rate.Limiter}, {@link io.github.chanflux.rate.Limit}, {@link
 * io.github.chanflux.rate.Reservation}) and the book's {@link io.github.chanflux.rate.MultiLimiter}
 * ("Concurrency in Go" 5.5).
 *
 * <pre>{@code
 * Limiter limiter = new Limiter(Limit.per(2, Duration.ofSeconds(1)), 2);  // rate.NewLimiter(Per(2, time.Second), 2)
 * limiter.await(ctx);   // if err := limiter.Wait(ctx); err != nil { return err }: throws the context's error instead
 * }</pre>
 */
package io.github.chanflux.rate;
