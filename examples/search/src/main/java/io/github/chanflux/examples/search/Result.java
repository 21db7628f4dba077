package io.github.chanflux.examples.search;

import java.util.Objects;

/**
 * One search result: the Go blog's {@code google.Result}, {@code struct { Title, URL string }}.
 *
 * @param title the page's title
 * @param url the page's address
 */
public record Result(String title, String url) {

    /**
     * A result.
     *
     * @throws NullPointerException if {@code title} or {@code url} is null
     */
    public Result {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
    }
}
