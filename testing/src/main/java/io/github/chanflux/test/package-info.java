/**
 * Test support for code built on chanflux, as reactor-test and kotlinx-coroutines-test are for
 * theirs: {@link io.github.chanflux.test.GoLeakExtension} (goleak's {@code VerifyNone} after
 * every JUnit 5 test), {@link io.github.chanflux.test.FakeClockDriver} (Go 1.24's
 * {@code testing/synctest}: fake time that moves only when every goroutine is blocked), and
 * {@link io.github.chanflux.test.Goroutines}.
 */
package io.github.chanflux.test;
