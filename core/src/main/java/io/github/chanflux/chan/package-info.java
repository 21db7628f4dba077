/**
 * Go channels and {@code select}: {@link io.github.chanflux.chan.Chan},
 * {@link io.github.chanflux.chan.RecvChan} ({@code <-chan T}),
 * {@link io.github.chanflux.chan.SendChan} ({@code chan<- T}) and
 * {@link io.github.chanflux.chan.Select}.
 *
 * <p>The ownership rule of "Concurrency in Go" (3.x "Channels"): the goroutine that owns a
 * channel creates it, writes to it and closes it, and hands out only a {@code RecvChan}.
 *
 * <pre>{@code
 * RecvChan<Integer> chanOwner() {
 *     Chan<Integer> results = Chan.make(5);
 *     Thread.startVirtualThread(() -> {
 *         try (results) {                         // defer close(results)
 *             for (int i = 0; i <= 5; i++) {
 *                 results.send(i);
 *             }
 *         } catch (InterruptedException e) {
 *             Thread.currentThread().interrupt();
 *         }
 *     });
 *     return results;
 * }
 *
 * for (int v : chanOwner()) {                     // for v := range results
 *     System.out.println("Received: " + v);
 * }
 * }</pre>
 */
package io.github.chanflux.chan;
