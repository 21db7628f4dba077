/**
 * Groups of goroutines working on subtasks of one task: {@link io.github.chanflux.errgroup.ErrGroup},
 * Go's {@code golang.org/x/sync/errgroup}. Above {@code context} in the layers, as the group
 * derives a context canceled by the first error.
 */
package io.github.chanflux.errgroup;
