/**
 * chanflux-core: Go's concurrency model on the JDK, with no dependency. Layered as Go's standard
 * library: {@code chan} → {@code go} → {@code time} → {@code context} → {@code errgroup},
 * {@code rate}, {@code pattern}, {@code errors}.
 */
module io.github.chanflux.core {
    exports io.github.chanflux.chan;
    exports io.github.chanflux.go;
    exports io.github.chanflux.time;
    exports io.github.chanflux.context;
    exports io.github.chanflux.errgroup;
    exports io.github.chanflux.rate;
    exports io.github.chanflux.pattern;
    exports io.github.chanflux.errors;
    exports io.github.chanflux.internal to
            io.github.chanflux.reactor,
            io.github.chanflux.test;
}
