package gobench

import (
	"sync"
	"testing"
)

// Mirrors ChannelBench.pingPong: one op is one round trip.
func BenchmarkChannels_pingPong(b *testing.B) {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		defer close(pong)
		for v := range ping {
			pong <- v
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ping <- i
		<-pong
	}
	close(ping)
	for range pong {
	}
}

// transfer mirrors ChannelBench.transfer: producers send b.N values in all, then the
// channel is closed; the benchmark goroutine drains it.
func transfer(b *testing.B, capacity, producers int) {
	c := make(chan int, capacity)
	per := b.N / producers
	var wg sync.WaitGroup
	b.ResetTimer()
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < per; i++ {
				c <- i
			}
		}()
	}
	go func() {
		wg.Wait()
		close(c)
	}()
	for range c {
	}
}

func BenchmarkChannels_unbuffered1P1C(b *testing.B)    { transfer(b, 0, 1) }
func BenchmarkChannels_buffered16x1P1C(b *testing.B)   { transfer(b, 16, 1) }
func BenchmarkChannels_buffered1024x1P1C(b *testing.B) { transfer(b, 1024, 1) }
func BenchmarkChannels_buffered16x4P1C(b *testing.B)   { transfer(b, 16, 4) }

// Mirrors SelectBench: four buffered(16) channels kept full, one op is one select.
func BenchmarkChannels_select4(b *testing.B) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	cs := make([]chan int, 4)
	for i := range cs {
		cs[i] = make(chan int, 16)
		wg.Add(1)
		go func(c chan int) {
			defer wg.Done()
			for {
				select {
				case c <- 1:
				case <-done:
					return
				}
			}
		}(cs[i])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		select {
		case <-cs[0]:
		case <-cs[1]:
		case <-cs[2]:
		case <-cs[3]:
		}
	}
	b.StopTimer()
	close(done)
	wg.Wait()
}

// Mirrors PipelineBench: a generator and three stages on unbuffered channels, each send in a
// select on done; one op is one element through all of it.
func BenchmarkChannels_pipeline3(b *testing.B) {
	done := make(chan struct{})
	defer close(done)
	gen := func(n int) <-chan int {
		out := make(chan int)
		go func() {
			defer close(out)
			for i := 0; i < n; i++ {
				select {
				case <-done:
					return
				case out <- i:
				}
			}
		}()
		return out
	}
	stage := func(in <-chan int, f func(int) int) <-chan int {
		out := make(chan int)
		go func() {
			defer close(out)
			for v := range in {
				select {
				case <-done:
					return
				case out <- f(v):
				}
			}
		}()
		return out
	}
	b.ResetTimer()
	sum := 0
	for v := range stage(stage(stage(gen(b.N), func(v int) int { return v * 2 }),
		func(v int) int { return v + 1 }), func(v int) int { return v * 2 }) {
		sum += v
	}
	sink = sum
}

var sink interface{}
