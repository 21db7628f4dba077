package gobench

import (
	"runtime"
	"sync"
	"testing"
)

// The book's prime finder (4.7), mirroring PrimeBench: candidates from the same 64-bit LCG
// (state 47, state = state*6364136223846793005 + 1442695040888963407, value = state>>33 mod
// 2 000 000), the book's slow trial division, the first ten primes per op.

const primeBound = 2000000

func candidates() func() int {
	state := uint64(47)
	return func() int {
		state = state*6364136223846793005 + 1442695040888963407
		return int((state >> 33) % primeBound)
	}
}

func isPrime(n int) bool {
	for divisor := n - 1; divisor > 1; divisor-- {
		if n%divisor == 0 {
			return false
		}
	}
	return n > 1
}

// tracked starts f as a goroutine counted by wg, so an op can wait for all its goroutines.
func tracked(wg *sync.WaitGroup, f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}

func repeatFn(wg *sync.WaitGroup, done <-chan struct{}, fn func() int) <-chan int {
	valueStream := make(chan int)
	tracked(wg, func() {
		defer close(valueStream)
		for {
			select {
			case <-done:
				return
			case valueStream <- fn():
			}
		}
	})
	return valueStream
}

func take(wg *sync.WaitGroup, done <-chan struct{}, valueStream <-chan int, num int) <-chan int {
	takeStream := make(chan int)
	tracked(wg, func() {
		defer close(takeStream)
		for i := 0; i < num; i++ {
			select {
			case <-done:
				return
			case takeStream <- <-valueStream:
			}
		}
	})
	return takeStream
}

func primeFinder(wg *sync.WaitGroup, done <-chan struct{}, intStream <-chan int) <-chan int {
	primeStream := make(chan int)
	tracked(wg, func() {
		defer close(primeStream)
		for n := range intStream {
			if isPrime(n) {
				select {
				case <-done:
					return
				case primeStream <- n:
				}
			}
		}
	})
	return primeStream
}

func trackedFanIn(wg *sync.WaitGroup, done <-chan struct{}, channels ...<-chan int) <-chan int {
	var inner sync.WaitGroup
	multiplexedStream := make(chan int)
	for _, c := range channels {
		c := c
		inner.Add(1)
		tracked(wg, func() {
			defer inner.Done()
			for i := range c {
				select {
				case <-done:
					return
				case multiplexedStream <- i:
				}
			}
		})
	}
	tracked(wg, func() {
		inner.Wait()
		close(multiplexedStream)
	})
	return multiplexedStream
}

func findPrimes(finders int) int {
	var wg sync.WaitGroup
	done := make(chan struct{})
	randIntStream := repeatFn(&wg, done, candidates())
	found := make([]<-chan int, finders)
	for i := range found {
		found[i] = primeFinder(&wg, done, randIntStream)
	}
	primes := found[0]
	if finders > 1 {
		primes = trackedFanIn(&wg, done, found...)
	}
	sum := 0
	for p := range take(&wg, done, primes, 10) {
		sum += p
	}
	close(done)
	wg.Wait()
	return sum
}

func BenchmarkPrimes_sequential(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = findPrimes(1)
	}
}

func BenchmarkPrimes_fanOut(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = findPrimes(runtime.NumCPU())
	}
}
