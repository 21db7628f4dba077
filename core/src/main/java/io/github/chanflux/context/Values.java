package io.github.chanflux.context;

import java.util.Optional;

/**
 * The value lookup shared by the package's contexts: Go's {@code value(c, key)}. It walks up
 * the tree in a loop rather than by recursion, so deep trees cost no stack.
 */
final class Values {

    private Values() {}

    @SuppressWarnings("unchecked")
    static <T> Optional<T> lookup(Context c, Key<T> key) {
        while (true) {
            if (c instanceof ValueContext<?> v) {
                if (v.key == key) {
                    return Optional.of((T) v.value);
                }
                c = v.parent;
            } else if (c instanceof CancelContext cc) {
                if (key == CancelContext.KEY) {
                    return Optional.of((T) cc);
                }
                c = cc.parent;
            } else if (c instanceof WithoutCancelContext w) {
                if (key == CancelContext.KEY) {
                    return Optional.empty(); // its cancellation is cut off: Cause is Err, i.e. null
                }
                c = w.parent;
            } else if (c instanceof EmptyContext) {
                return Optional.empty();
            } else {
                return c.value(key);
            }
        }
    }
}
