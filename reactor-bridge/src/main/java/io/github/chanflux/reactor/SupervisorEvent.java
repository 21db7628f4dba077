package io.github.chanflux.reactor;

import java.time.Duration;

/**
 * What a {@link Supervisor} did, for logging and metrics: the lines the book's steward logs
 * ("Concurrency in Go" 5.6), as values. Each event names the incarnation it concerns: the
 * first subscription to the source is incarnation 1, the first restart incarnation 2, and so
 * on. One supervised subscription emits {@code Started(1)}, then for every failure either
 * {@code Restarting} followed (after the backoff) by the next {@code Started}, or
 * {@code GaveUp}, its last event; a heartbeat timeout is announced by {@code Unhealthy} first.
 */
public sealed interface SupervisorEvent {

    /**
     * The incarnation this event concerns.
     *
     * @return 1 for the first subscription to the source, n + 1 after n restarts
     */
    int incarnation();

    /**
     * The source was subscribed to, the first time or after a restart.
     *
     * @param incarnation which subscription this is
     */
    record Started(int incarnation) implements SupervisorEvent {}

    /**
     * No element arrived within the heartbeat timeout: the book's "steward: ward unhealthy;
     * restarting". The source has just been cancelled; {@code Restarting} or {@code GaveUp}
     * follows.
     *
     * @param incarnation the incarnation found unhealthy
     * @param timeout the heartbeat timeout that elapsed
     */
    record Unhealthy(int incarnation, Duration timeout) implements SupervisorEvent {}

    /**
     * A failed incarnation will be replaced after {@code backoff}.
     *
     * @param incarnation the incarnation that failed
     * @param cause its error, or the {@link java.util.concurrent.TimeoutException} of a heartbeat timeout
     * @param backoff how long the supervisor waits before subscribing again
     */
    record Restarting(int incarnation, Throwable cause, Duration backoff) implements SupervisorEvent {}

    /**
     * The supervisor stopped restarting and the supervised flux fails with {@code error}: an
     * error the restart predicate refused (passed on as it is), or the error saying that the
     * maximum restart intensity was exceeded.
     *
     * @param incarnation the last incarnation
     * @param error the error the supervised flux ends with
     */
    record GaveUp(int incarnation, Throwable error) implements SupervisorEvent {}
}
