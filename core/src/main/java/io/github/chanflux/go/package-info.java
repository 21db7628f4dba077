/**
 * Goroutines on virtual threads: {@link io.github.chanflux.go.Go} (Go's {@code go} statement),
 * {@link io.github.chanflux.go.WaitGroup} ({@code sync.WaitGroup}) and leak checking
 * ({@link io.github.chanflux.go.GoLeak}, and {@code GoLeakExtension} in chanflux-test: what
 * {@code uber-go/goleak} does for Go tests). The layer right above channels: it imports only
 * {@code chan}; goroutines bound to a context are started by {@code Context.go}, and
 * {@code ErrGroup} lives in {@code errgroup}, above {@code context}.
 *
 * <p>"Concurrency in Go" 4.3: if a goroutine is responsible for creating a goroutine, it is also
 * responsible for ensuring it can stop the goroutine. Every goroutine started through
 * {@code Go} is tracked until it ends, so tests can prove none is left behind.
 */
package io.github.chanflux.go;
