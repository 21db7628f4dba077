package gobench

import (
	"sync"
	"testing"
)

// The book's chapter-4 functions ("Concurrency in Go" 4.6-4.10), on ints.

func generator(done <-chan struct{}, integers ...int) <-chan int {
	intStream := make(chan int)
	go func() {
		defer close(intStream)
		for _, i := range integers {
			select {
			case <-done:
				return
			case intStream <- i:
			}
		}
	}()
	return intStream
}

func multiply(done <-chan struct{}, intStream <-chan int, multiplier int) <-chan int {
	multipliedStream := make(chan int)
	go func() {
		defer close(multipliedStream)
		for i := range intStream {
			select {
			case <-done:
				return
			case multipliedStream <- i * multiplier:
			}
		}
	}()
	return multipliedStream
}

func add(done <-chan struct{}, intStream <-chan int, additive int) <-chan int {
	addedStream := make(chan int)
	go func() {
		defer close(addedStream)
		for i := range intStream {
			select {
			case <-done:
				return
			case addedStream <- i + additive:
			}
		}
	}()
	return addedStream
}

func orDone(done <-chan struct{}, c <-chan int) <-chan int {
	valStream := make(chan int)
	go func() {
		defer close(valStream)
		for {
			select {
			case <-done:
				return
			case v, ok := <-c:
				if !ok {
					return
				}
				select {
				case valStream <- v:
				case <-done:
				}
			}
		}
	}()
	return valStream
}

func tee(done <-chan struct{}, in <-chan int) (_, _ <-chan int) {
	out1 := make(chan int)
	out2 := make(chan int)
	go func() {
		defer close(out1)
		defer close(out2)
		for val := range orDone(done, in) {
			var out1, out2 = out1, out2
			for i := 0; i < 2; i++ {
				select {
				case <-done:
				case out1 <- val:
					out1 = nil
				case out2 <- val:
					out2 = nil
				}
			}
		}
	}()
	return out1, out2
}

func bridge(done <-chan struct{}, chanStream <-chan (<-chan int)) <-chan int {
	valStream := make(chan int)
	go func() {
		defer close(valStream)
		for {
			var stream <-chan int
			select {
			case maybeStream, ok := <-chanStream:
				if !ok {
					return
				}
				stream = maybeStream
			case <-done:
				return
			}
			for val := range orDone(done, stream) {
				select {
				case valStream <- val:
				case <-done:
				}
			}
		}
	}()
	return valStream
}

func fanIn(done <-chan struct{}, channels ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	multiplexedStream := make(chan int)
	multiplex := func(c <-chan int) {
		defer wg.Done()
		for i := range c {
			select {
			case <-done:
				return
			case multiplexedStream <- i:
			}
		}
	}
	wg.Add(len(channels))
	for _, c := range channels {
		go multiplex(c)
	}
	go func() {
		wg.Wait()
		close(multiplexedStream)
	}()
	return multiplexedStream
}

func ints(n int) []int {
	values := make([]int, n)
	for i := range values {
		values[i] = i
	}
	return values
}

func drain(c <-chan int) int {
	sum := 0
	for v := range c {
		sum += v
	}
	return sum
}

// Mirrors PatternsBench.pipeline[chan]: the book's 4.6 pipeline, one op per element.
func BenchmarkPatterns_pipeline(b *testing.B) {
	values := ints(b.N)
	done := make(chan struct{})
	defer close(done)
	b.ResetTimer()
	sink = drain(multiply(done, add(done, multiply(done, generator(done, values...), 2), 1), 2))
}

// Mirrors PatternsBench.orDone[chan].
func BenchmarkPatterns_orDone(b *testing.B) {
	values := ints(b.N)
	done := make(chan struct{})
	defer close(done)
	b.ResetTimer()
	sink = drain(orDone(done, generator(done, values...)))
}

// Mirrors PatternsBench.tee[chan]: both outputs drained by their own goroutines.
func BenchmarkPatterns_tee(b *testing.B) {
	values := ints(b.N)
	done := make(chan struct{})
	defer close(done)
	b.ResetTimer()
	out1, out2 := tee(done, generator(done, values...))
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); sink = drain(out1) }()
	go func() { defer wg.Done(); drain(out2) }()
	wg.Wait()
}

// Mirrors PatternsBench.bridge[chan]: inner streams of 100 buffered values, made by the feeder.
func BenchmarkPatterns_bridge(b *testing.B) {
	const inner = 100
	streams := (b.N + inner - 1) / inner
	done := make(chan struct{})
	defer close(done)
	b.ResetTimer()
	chanStream := make(chan (<-chan int))
	go func() {
		defer close(chanStream)
		for i := 0; i < streams; i++ {
			stream := make(chan int, inner)
			for j := 0; j < inner; j++ {
				stream <- i*inner + j
			}
			close(stream)
			chanStream <- stream
		}
	}()
	sink = drain(bridge(done, chanStream))
}

// Mirrors PatternsBench.fanIn[chan]: four generators of N/4 values each.
func BenchmarkPatterns_fanIn(b *testing.B) {
	quarter := b.N / 4
	parts := make([][]int, 4)
	for i := range parts {
		parts[i] = make([]int, quarter)
		for j := range parts[i] {
			parts[i][j] = i*quarter + j
		}
	}
	done := make(chan struct{})
	defer close(done)
	b.ResetTimer()
	sources := make([]<-chan int, 4)
	for i := range sources {
		sources[i] = generator(done, parts[i]...)
	}
	sink = drain(fanIn(done, sources...))
}

// Mirrors BridgeBench.plainChan: one producer, buffered(16), one consumer.
func BenchmarkBridges_chanTransfer16(b *testing.B) { transfer(b, 16, 1) }
