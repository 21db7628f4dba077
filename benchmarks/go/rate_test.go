package gobench

import (
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/time/rate"
)

// allow mirrors AllowBench run with -t goroutines: one limiter shared by all, every call
// granted; ns/op is per call per goroutine, as JMH's per-thread average time.
func allow(b *testing.B, goroutines int) {
	lim := rate.NewLimiter(1e9, 1e9)
	var granted int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := int64(0)
			for i := 0; i < b.N; i++ {
				if lim.Allow() {
					n++
				}
			}
			atomic.AddInt64(&granted, n)
		}()
	}
	wg.Wait()
	sink = granted
}

func BenchmarkRate_allow_t1(b *testing.B) { allow(b, 1) }
func BenchmarkRate_allow_t2(b *testing.B) { allow(b, 2) }
func BenchmarkRate_allow_t4(b *testing.B) { allow(b, 4) }
