/**
 * Goroutines on virtual threads: {@link io.github.chanflux.go.Go} (Go's {@code go} statement,
 * optionally bound to a {@link io.github.chanflux.context.Context}),
 * {@link io.github.chanflux.go.ErrGroup} ({@code golang.org/x/sync/errgroup}) and leak checking
 * ({@link io.github.chanflux.go.GoLeak}, and {@code GoLeakExtension} in chanflux-test: what
 * {@code uber-go/goleak} does for Go tests).
 *
 * <p>"Concurrency in Go" 4.3: if a goroutine is responsible for creating a goroutine, it is also
 * responsible for ensuring it can stop the goroutine. Every goroutine started through
 * {@code Go} is tracked until it ends, so tests can prove none is left behind.
 */
package io.github.chanflux.go;
