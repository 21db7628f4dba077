package gobench

import (
	"context"
	"testing"
)

// Mirrors ContextBench.withCancel: a child of a cancelable root, then cancel.
func BenchmarkContext_withCancel(b *testing.B) {
	root, cancelRoot := context.WithCancel(context.Background())
	defer cancelRoot()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, cancel := context.WithCancel(root)
		cancel()
	}
}

type key int

// value mirrors ContextBench.value: the key stored first, at the bottom of the chain.
func value(b *testing.B, depth int) {
	ctx := context.Background()
	for i := 0; i < depth; i++ {
		ctx = context.WithValue(ctx, key(i), i)
	}
	b.ResetTimer()
	var v interface{}
	for i := 0; i < b.N; i++ {
		v = ctx.Value(key(0))
	}
	sink = v
}

func BenchmarkContext_value_depth1(b *testing.B)   { value(b, 1) }
func BenchmarkContext_value_depth10(b *testing.B)  { value(b, 10) }
func BenchmarkContext_value_depth100(b *testing.B) { value(b, 100) }

// Mirrors ContextBench.cancelTree100k: 100 children × 999 grandchildren, each watched with
// Done(); only the cancel of the root is timed.
func BenchmarkContext_cancelTree100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		root, cancel := context.WithCancel(context.Background())
		root.Done()
		var last context.Context
		cancels := make([]context.CancelFunc, 0, 100000)
		for c := 0; c < 100; c++ {
			child, cancelChild := context.WithCancel(root)
			child.Done()
			cancels = append(cancels, cancelChild)
			for g := 0; g < 999; g++ {
				grandchild, cancelGrandchild := context.WithCancel(child)
				grandchild.Done()
				cancels = append(cancels, cancelGrandchild)
				last = grandchild
			}
		}
		b.StartTimer()
		cancel()
		<-last.Done()
		b.StopTimer()
		for _, c := range cancels {
			c() // already canceled through the root: releases nothing more, keeps vet honest
		}
		b.StartTimer()
	}
}
