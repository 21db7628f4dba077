package io.github.chanflux.context;

import java.util.Objects;

/**
 * A typed key for {@link Context#withValue context values}: the role of Go's unexported key
 * types ({@code type ctxKey int}), "Concurrency in Go" 4.12.
 *
 * <p>Keys compare by identity: two keys with the same name are different keys. Keep a key in a
 * private constant and export typed accessors instead, as the book's rule of thumb asks, and no
 * other package can read or shadow your values. The name is only for {@code toString}.
 *
 * <pre>{@code
 * private static final Key<String> USER_ID = Key.of("userID");
 * static Context withUserId(Context ctx, String id) { return Context.withValue(ctx, USER_ID, id); }
 * static Optional<String> userId(Context ctx) { return ctx.value(USER_ID); }
 * }</pre>
 *
 * @param <T> the type of the values stored under this key
 */
public final class Key<T> {

    private final String name;

    private Key(String name) {
        this.name = name;
    }

    /**
     * A new key, distinct from every other key.
     *
     * @param name shown by {@code toString}, e.g. in {@code context.Background.WithValue(name, v)}
     * @throws NullPointerException if {@code name} is null
     */
    public static <T> Key<T> of(String name) {
        return new Key<>(Objects.requireNonNull(name, "name"));
    }

    @Override
    public String toString() {
        return name;
    }
}
