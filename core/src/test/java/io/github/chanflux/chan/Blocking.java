package io.github.chanflux.chan;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a blocking call on a virtual thread and observes whether it is parked, without sleeping:
 * a call is "blocked" once its thread has parked and the call has not completed.
 */
final class Blocking<T> {

    final Thread thread;
    final CompletableFuture<T> result = new CompletableFuture<>();

    private Blocking(Callable<T> call) {
        thread = Thread.ofVirtual().start(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    static <T> Blocking<T> start(Callable<T> call) {
        return new Blocking<>(call);
    }

    /** Waits until the call has parked inside the channel (it is blocked), or has finished. */
    Blocking<T> awaitParked() {
        while (!result.isDone()
                && !(thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)) {
            Thread.onSpinWait();
        }
        return this;
    }

    /** Whether the call is parked and has not completed. */
    boolean isBlocked() {
        awaitParked();
        return !result.isDone();
    }

    /** Interrupts the call and returns what it ended with. */
    Throwable interruptAndGetFailure() throws InterruptedException {
        thread.interrupt();
        thread.join();
        return result.handle((v, t) -> t).join();
    }

    T join() throws InterruptedException {
        thread.join();
        return result.join();
    }
}
