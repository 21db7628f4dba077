package io.github.chanflux.examples;

import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Go's {@code sync.Cond}, "Concurrency in Go" 3 (the sync package, Cond): a queue of at most two
 * items; ten items are added, and each is removed by a goroutine one second after it was added.
 * Java's counterpart of {@code sync.NewCond(&sync.Mutex{})} is a {@link ReentrantLock} and its
 * {@link Condition}: {@code c.L.Lock()} is {@code lock.lock()}, {@code c.Wait()} is
 * {@code notFull.await()} (it too releases the lock while it waits and takes it again before it
 * returns, so it too is called in a loop that checks the condition), {@code c.Signal()} is
 * {@code notFull.signal()} and {@code c.Broadcast()} would be {@code signalAll()}.
 *
 * <pre>{@code
 * for i := 0; i < 10; i++ {
 *     c.L.Lock()
 *     for len(queue) == 2 {
 *         c.Wait()
 *     }
 *     fmt.Println("Adding to queue")
 *     queue = append(queue, struct{}{})
 *     go removeFromQueue(1 * time.Second)
 *     c.L.Unlock()
 * }
 * }</pre>
 *
 * <p>Two differences from the book. A Java {@code Condition} is signalled while holding its lock
 * (else {@code IllegalMonitorStateException}), where Go's {@code removeFromQueue} unlocks first.
 * And Go's {@code main} returns after its tenth add, ending the program with two removals still
 * pending (the book's output ends on {@code Adding to queue}); here {@code main} waits for them,
 * so that no goroutine is left behind, and two more {@code Removed from queue} lines follow.
 * The removal waits on the {@link Clock}, so on a fake clock the program takes five seconds of
 * fake time: items are added at 0, 0, 1, 1, ... 4, 4 seconds and removed a second later. Where
 * a removal and an add happen at the same instant, their lines may come in either order, as in
 * Go; the queue never holds more than two items.
 */
public final class CondQueue {

    private final Consumer<String> out;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(); // c.L
    private final Condition notFull = lock.newCondition(); // c := sync.NewCond(&sync.Mutex{})
    /** Under {@code lock}. */
    private final Queue<Object> queue = new ArrayDeque<>(10); // make([]interface{}, 0, 10)

    private CondQueue(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The book's {@code removeFromQueue}. */
    private void removeFromQueue(Duration delay) throws InterruptedException {
        clock.sleep(delay);
        lock.lock();
        try {
            queue.remove(); // queue = queue[1:]
            out.accept("Removed from queue");
            notFull.signal();
        } finally {
            lock.unlock();
        }
    }

    private void addTen() throws InterruptedException {
        WaitGroup removals = new WaitGroup();
        for (int i = 0; i < 10; i++) {
            lock.lock();
            try {
                while (queue.size() == 2) {
                    notFull.await();
                }
                out.accept("Adding to queue");
                queue.add(new Object()); // queue = append(queue, struct{}{})
                removals.go(() -> removeFromQueue(Duration.ofSeconds(1)));
            } finally {
                lock.unlock();
            }
        }
        removals.await(); // not in the book: its main ends here
    }

    /** The book's program on {@code clock}: ten adds and ten removals. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        new CondQueue(out, clock).addTen();
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
