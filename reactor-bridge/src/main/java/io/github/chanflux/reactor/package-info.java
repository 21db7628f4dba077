/**
 * Go's patterns as Project Reactor operators: {@link io.github.chanflux.reactor.GoFlux}
 * (generators, stages, or-channel, or-done, tee, bridge, fan-out/fan-in, queuing), the Reactor
 * twins of {@link io.github.chanflux.pattern.Patterns}:
 * <pre>{@code
 * import static io.github.chanflux.reactor.GoFlux.*;
 *
 * repeatFn(() -> random.nextInt(50_000_000))    // repeatFn(done, rand)
 *     .transform(orDone(ctxDone))                 // orDone(done, c)
 *     .transform(fanOutOrdered(cpus, i -> i * 2)) // the ordered twin of fan-out/fan-in
 *     .transform(take(10));                       // take(done, c, 10)
 * }</pre>
 */
package io.github.chanflux.reactor;
