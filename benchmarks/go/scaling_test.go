package gobench

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// A scaling benchmark starts its goroutines once, not at each of its calls (go test calls a
// benchmark several times, b.N growing, and -count times): starting 1 000 000 of them takes
// seconds. They stay up, untimed, from the first call of one benchmark to the first call of the
// next scaling benchmark, or to the end of the run (TestMain), as a JMH trial keeps its @Setup
// for all its iterations.
var fixture struct {
	key   string
	value interface{}
	stop  func()
}

// kept returns the fixture named key, stopping the one before and starting this one if needed.
func kept[T any](key string, start func() (T, func())) T {
	if fixture.key != key {
		stopFixture()
		v, stop := start()
		fixture.key, fixture.value, fixture.stop = key, v, stop
	}
	return fixture.value.(T)
}

// stopFixture stops the goroutines of the scaling benchmark that ran last, if any.
func stopFixture() {
	if fixture.stop != nil {
		fixture.stop()
	}
	fixture.key, fixture.value, fixture.stop = "", nil, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopFixture()
	os.Exit(code)
}

// ring is n goroutines, goroutine i receiving from cs[i] and sending to cs[(i+1)%n].
type ring struct {
	cs   []chan int
	done chan int
	at   int
}

// Mirrors RingBench: n goroutines in a ring, each with an unbuffered channel to the next. A
// token (a count of hops left) goes around; the goroutine that receives 0 reports itself on
// done, and the next op starts at its successor, so the token visits the whole ring over the
// ops. Starting and stopping the ring is not timed; one op is one hop.
func ringN(b *testing.B, n int) {
	r := kept(fmt.Sprint("ring", n), func() (*ring, func()) {
		r := &ring{cs: make([]chan int, n), done: make(chan int)}
		for i := range r.cs {
			r.cs[i] = make(chan int)
		}
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int, in, out chan int) {
				defer wg.Done()
				for v := range in {
					if v == 0 {
						r.done <- i
					} else {
						out <- v - 1
					}
				}
			}(i, r.cs[i], r.cs[(i+1)%n])
		}
		return r, func() {
			for _, c := range r.cs {
				close(c)
			}
			wg.Wait()
		}
	})
	b.ResetTimer()
	r.cs[r.at] <- b.N
	r.at = (<-r.done + 1) % n
}

func BenchmarkScaling_ring10(b *testing.B)      { ringN(b, 10) }
func BenchmarkScaling_ring1000(b *testing.B)    { ringN(b, 1000) }
func BenchmarkScaling_ring100000(b *testing.B)  { ringN(b, 100000) }
func BenchmarkScaling_ring1000000(b *testing.B) { ringN(b, 1000000) }

// Mirrors FanInBench: n producers send into one shared unbuffered channel; the benchmark
// goroutine is the one consumer. Starting and stopping the producers is not timed; one op is
// one value received.
func fanInN(b *testing.B, n int) {
	c := kept(fmt.Sprint("fanIn", n), func() (chan int, func()) {
		c := make(chan int)
		var stop int32
		var wg sync.WaitGroup
		for p := 0; p < n; p++ {
			wg.Add(1)
			go func(p int) {
				defer wg.Done()
				for atomic.LoadInt32(&stop) == 0 {
					c <- p
				}
			}(p)
		}
		return c, func() {
			// Each producer sends at most once more after seeing stop: drain until all have returned.
			atomic.StoreInt32(&stop, 1)
			finished := make(chan struct{})
			go func() {
				wg.Wait()
				close(finished)
			}()
			for {
				select {
				case <-c:
				case <-finished:
					return
				}
			}
		}
	})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		<-c
	}
}

func BenchmarkScaling_fanIn10(b *testing.B)      { fanInN(b, 10) }
func BenchmarkScaling_fanIn1000(b *testing.B)    { fanInN(b, 1000) }
func BenchmarkScaling_fanIn100000(b *testing.B)  { fanInN(b, 100000) }
func BenchmarkScaling_fanIn1000000(b *testing.B) { fanInN(b, 1000000) }

// parked is how many goroutines BenchmarkScaling_parked parks (ParkedMemory.N on the JVM).
const parked = 100000

// Mirrors ParkedMemory: the memory the runtime holds for a goroutine parked on a channel
// receive (its stack, its g and the sudog that queues it on the channel): HeapInuse +
// StackInuse after starting `parked` goroutines that all block receiving from one channel,
// minus the same before, each after a GC, divided by `parked`. Each measurement runs in a
// fresh process (this test binary, running TestScalingParkedChild), as ParkedMemory runs in a
// fresh JVM: the runtime never frees the g of an ended goroutine but reuses it, so a second
// measurement in one process (or one after the rings) would leave the g out. Reported
// as the metric B/goroutine, the mean of this call's b.N measurements (ns/op: one measurement).
func BenchmarkScaling_parked(b *testing.B) {
	stopFixture()
	var total float64
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestScalingParkedChild$")
		cmd.Env = append(os.Environ(), "GOBENCH_PARKED_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		var bytes float64
		if _, err := fmt.Sscanf(strings.SplitN(string(out), "\n", 2)[0], "parked %g", &bytes); err != nil {
			b.Fatalf("no figure in %q: %v", out, err)
		}
		total += bytes
	}
	b.ReportMetric(total/float64(b.N), "B/goroutine")
}

// TestScalingParkedChild is one measurement of BenchmarkScaling_parked, run only by it.
func TestScalingParkedChild(t *testing.T) {
	if os.Getenv("GOBENCH_PARKED_CHILD") == "" {
		t.Skip("run by BenchmarkScaling_parked")
	}
	fmt.Printf("parked %.1f\n", parkedBytes())
}

// parkedBytes parks `parked` goroutines on one channel and returns the memory per goroutine.
func parkedBytes() float64 {
	c := make(chan int)
	var started, stopped sync.WaitGroup
	before := inUse()
	started.Add(parked)
	stopped.Add(parked)
	for i := 0; i < parked; i++ {
		go func() {
			defer stopped.Done()
			started.Done()
			<-c
		}()
	}
	// Every goroutine has started; all but the few still running are parked on the receive.
	started.Wait()
	after := inUse()
	close(c)
	stopped.Wait()
	return float64(after-before) / parked
}

// inUse is HeapInuse + StackInuse after a GC: the smaller of two readings.
func inUse() uint64 {
	best := ^uint64(0)
	for i := 0; i < 2; i++ {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if v := m.HeapInuse + m.StackInuse; v < best {
			best = v
		}
	}
	return best
}
