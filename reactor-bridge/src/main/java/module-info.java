/**
 * chanflux-reactor: the Go patterns as Project Reactor operators, and the bridges between
 * channels and publishers and between Go contexts and Reactor's. Micrometer context-propagation,
 * SLF4J and BlockHound are optional: each is used only where the application has it.
 */
module io.github.chanflux.reactor {
    requires transitive io.github.chanflux.core;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires static context.propagation;
    requires static org.slf4j;
    requires static reactor.blockhound;

    exports io.github.chanflux.reactor;

    provides io.micrometer.context.ThreadLocalAccessor with
            io.github.chanflux.reactor.GoContextAccessor;
    provides reactor.blockhound.integration.BlockHoundIntegration with
            io.github.chanflux.reactor.ChanBlockHoundIntegration;
}
