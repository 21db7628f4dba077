package io.github.chanflux.benchmarks.context;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * chanflux {@link Context} against gRPC-java's {@code io.grpc.Context} (the context most Java
 * services already carry) and Go's {@code context} ({@code benchmarks/go/context_test.go}):
 * <ul>
 * <li>{@code withCancel}: derive a cancelable child of a cancelable root and cancel it (Go:
 * {@code ctx, cancel := context.WithCancel(root); cancel()}; gRPC: {@code
 * root.withCancellation()} then {@code cancel(null)});</li>
 * <li>{@code value}: look up the key stored at the bottom of a chain of {@code depth}
 * value contexts (Go walks the chain; gRPC keeps values in a persistent trie);</li>
 * <li>{@code cancelTree100k}: cancel the root of a tree of 100 000 cancelable contexts (100
 * children, each with 999 children), every one of them watched (Go: {@code Done()} called;
 * chanflux: {@code done()}; gRPC: a listener added); building the tree is not timed.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ContextBench {

    @State(Scope.Thread)
    public static class Roots {
        @Param({"chanflux", "grpc"})
        public String impl;

        CancelableContext chanfluxRoot;
        io.grpc.Context.CancellableContext grpcRoot;

        @Setup
        public void setUp() {
            chanfluxRoot = Context.withCancel(Context.background());
            grpcRoot = io.grpc.Context.ROOT.withCancellation();
        }
    }

    @Benchmark
    public Object withCancel(Roots s) {
        if (s.impl.equals("chanflux")) {
            CancelableContext c = Context.withCancel(s.chanfluxRoot);
            c.cancel();
            return c;
        }
        io.grpc.Context.CancellableContext c = s.grpcRoot.withCancellation();
        c.cancel(null);
        return c;
    }

    @State(Scope.Thread)
    public static class Chain {
        @Param({"chanflux", "grpc"})
        public String impl;

        @Param({"1", "10", "100"})
        public int depth;

        Key<Integer> chanfluxKey;
        Context chanfluxCtx;
        io.grpc.Context.Key<Integer> grpcKey;
        io.grpc.Context grpcCtx;

        @Setup
        public void setUp() {
            chanfluxCtx = Context.background();
            grpcCtx = io.grpc.Context.ROOT;
            for (int i = 0; i < depth; i++) {
                Key<Integer> k = Key.of("k" + i);
                io.grpc.Context.Key<Integer> g = io.grpc.Context.key("k" + i);
                if (i == 0) {
                    chanfluxKey = k;
                    grpcKey = g;
                }
                chanfluxCtx = Context.withValue(chanfluxCtx, k, i);
                grpcCtx = grpcCtx.withValue(g, i);
            }
        }
    }

    @Benchmark
    public Object value(Chain s) {
        return s.impl.equals("chanflux") ? s.chanfluxCtx.value(s.chanfluxKey).orElseThrow() : s.grpcKey.get(s.grpcCtx);
    }

    @State(Scope.Thread)
    public static class Tree {
        static final int CHILDREN = 100;
        static final int GRANDCHILDREN = 999;

        @Param({"chanflux", "grpc"})
        public String impl;

        CancelableContext chanfluxRoot;
        Context chanfluxLast;
        io.grpc.Context.CancellableContext grpcRoot;
        io.grpc.Context.CancellableContext grpcLast;
        final List<Object> keep = new ArrayList<>();

        @Setup(Level.Invocation)
        public void build() {
            keep.clear();
            if (impl.equals("chanflux")) {
                chanfluxRoot = Context.withCancel(Context.background());
                chanfluxRoot.done();
                for (int i = 0; i < CHILDREN; i++) {
                    CancelableContext child = Context.withCancel(chanfluxRoot);
                    child.done();
                    for (int j = 0; j < GRANDCHILDREN; j++) {
                        CancelableContext grandchild = Context.withCancel(child);
                        grandchild.done();
                        keep.add(grandchild);
                        chanfluxLast = grandchild;
                    }
                }
            } else {
                io.grpc.Context.CancellationListener watch = ctx -> {};
                grpcRoot = io.grpc.Context.ROOT.withCancellation();
                grpcRoot.addListener(watch, Runnable::run);
                for (int i = 0; i < CHILDREN; i++) {
                    io.grpc.Context.CancellableContext child = grpcRoot.withCancellation();
                    child.addListener(watch, Runnable::run);
                    for (int j = 0; j < GRANDCHILDREN; j++) {
                        io.grpc.Context.CancellableContext grandchild = child.withCancellation();
                        grandchild.addListener(watch, Runnable::run);
                        keep.add(grandchild);
                        grpcLast = grandchild;
                    }
                }
            }
        }
    }

    @Benchmark
    public boolean cancelTree100k(Tree s) {
        if (s.impl.equals("chanflux")) {
            s.chanfluxRoot.cancel();
            return s.chanfluxLast.err() != null;
        }
        s.grpcRoot.cancel(null);
        return s.grpcLast.isCancelled();
    }
}
