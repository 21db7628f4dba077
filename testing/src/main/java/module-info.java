/** chanflux-test: the JUnit 5 goroutine-leak extension and the FakeClock driver. */
module io.github.chanflux.test {
    requires transitive io.github.chanflux.core;
    requires transitive org.junit.jupiter.api;

    exports io.github.chanflux.test;
}
