/**
 * The concurrency patterns of chapter 4 of "Concurrency in Go" over channels:
 * {@link io.github.chanflux.pattern.Patterns} (generators, stages, or-channel, or-done, tee,
 * bridge, fan-out/fan-in, queuing) and {@link io.github.chanflux.pattern.StageMeter} (Little's
 * law). The same patterns as Reactor operators are in {@code io.github.chanflux.reactor.GoFlux}.
 *
 * <p><b>Confinement (4.1)</b> needs no API: make data visible to one goroutine only. Lexical
 * confinement makes the channel inside the function that owns it and hands out only the
 * receive side, so no other code can write or close it:
 * <pre>{@code
 * RecvChan<Integer> chanOwner() {
 *     Chan<Integer> results = Chan.make(5);     // confined to this goroutine
 *     Go.go(() -> {
 *         try (results) {                       // defer close(results)
 *             for (int i = 0; i <= 5; i++) {
 *                 results.send(i);
 *             }
 *         }
 *     });
 *     return results;                           // <-chan int
 * }
 * }</pre>
 *
 * <p><b>The for-select loop (4.2)</b> is a loop around a {@link io.github.chanflux.chan.Select}
 * (statically imported): send values until {@code done} closes, or do work between checks of
 * {@code done}:
 * <pre>{@code
 * for (String s : List.of("a", "b", "c")) {      // for _, s := range []string{...} {
 *     if (!stringStream.send(s, done)) return;   //     select { case <-done: return; case stringStream <- s: }
 * }                                              // }
 * while (true) {                                 // for {
 *     Selected s = select(recv(done), orElse()); //     select {
 *     if (s.is(done)) return;                    //     case <-done: return
 *                                                //     default:
 *     doNonPreemptableWork();                    //     }
 * }                                              // }
 * }</pre>
 *
 * <p>Errors travel as values on the same channel as results: see
 * {@link io.github.chanflux.errors.Result} (4.5).
 */
package io.github.chanflux.pattern;
