package io.github.chanflux.context;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The walks up the tree that the package's contexts answer by: their deadline, their nearest
 * cancelable ancestor, their printed form. Each is a loop over the {@link Layer}s, never a
 * recursion, so a tree of any depth costs no stack (Go's goroutine stacks grow; ours do not).
 * A context of another class ends a walk: the rest is asked of it.
 */
final class Ancestors {

    private Ancestors() {}

    /** A package context derived from {@link #parent()}, printed as the parent then {@link #layer()}. */
    interface Layer extends Context {

        Context parent();

        /** What this layer adds to its parent's printed form, e.g. {@code .WithCancel}. */
        String layer();
    }

    /** The nearest of {@code c} and its ancestors that is not a value context. */
    static Context skipValues(Context c) {
        while (c instanceof ValueContext<?> v) {
            c = v.parent;
        }
        return c;
    }

    /** The deadline of {@code c}: that of the nearest ancestor that sets or cuts off deadlines. */
    static Optional<Instant> deadline(Context c) {
        while (true) {
            if (c instanceof TimerContext t) {
                return t.deadline();
            } else if (c instanceof ValueContext<?> v) {
                c = v.parent;
            } else if (c instanceof CancelContext cc) {
                c = cc.parent;
            } else {
                return c.deadline();
            }
        }
    }

    /** The printed form of {@code c}: its root's, then every layer's from the root down. */
    static String describe(Layer c) {
        Deque<String> layers = new ArrayDeque<>();
        Context root = c;
        while (root instanceof Layer l) {
            layers.push(l.layer());
            root = l.parent();
        }
        StringBuilder s = new StringBuilder(String.valueOf(root));
        layers.forEach(s::append);
        return s.toString();
    }
}
