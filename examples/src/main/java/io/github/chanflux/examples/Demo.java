package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;

import io.github.chanflux.time.Clock;
import java.time.Duration;

/**
 * A first taste of chanflux: the channel owner of "Concurrency in Go" (3.x "Channels"), then a
 * {@code select} that waits for the first of two results with a timeout.
 */
public final class Demo {

    private Demo() {
    }

    /** Creates, writes and closes a channel; hands out only its receive side. */
    static RecvChan<Integer> chanOwner() {
        Chan<Integer> results = Chan.make(5);
        Thread.startVirtualThread(() -> {
            try (results) {
                for (int i = 0; i <= 5; i++) {
                    results.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return results;
    }

    /** A value sent on a new channel after {@code delay}. */
    static RecvChan<String> later(String value, Duration delay) {
        Chan<String> out = Chan.make(1);
        Thread.startVirtualThread(() -> {
            try (out) {
                Thread.sleep(delay);
                out.send(value);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return out;
    }

    public static void main(String[] args) throws InterruptedException {
        for (int v : chanOwner()) {
            System.out.println("Received: " + v);
        }
        System.out.println("Done receiving!");

        RecvChan<String> fast = later("fast replica", Duration.ofMillis(10));
        RecvChan<String> slow = later("slow replica", Duration.ofSeconds(5));
        String first = select(
                recv(fast, r -> "first answer: " + r.value()),
                recv(slow, r -> "first answer: " + r.value()),
                recv(Clock.system().after(Duration.ofSeconds(1)), r -> "timed out"));
        System.out.println(first);
    }
}
