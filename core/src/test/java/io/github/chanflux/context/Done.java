package io.github.chanflux.context;

/** Test helper: whether a context's done channel is closed, without blocking. */
final class Done {

    private Done() {}

    static boolean isDone(Context c) {
        var r = c.done().tryReceive();
        return r != null && !r.ok();
    }
}
