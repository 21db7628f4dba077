package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Error handling of "Concurrency in Go" 4.5: {@code checkStatus} sends each URL's response or
 * error as a {@link Result} on one channel, and the main goroutine, which knows the whole
 * program, decides: here it stops after three errors. {@code httpGet} is a local fake, so the
 * program needs no network: only {@code https://www.google.com} answers.
 */
public final class CheckStatus {

    /** The book's URLs: one that answers among four that fail. */
    static final String[] URLS = {"a", "https://www.google.com", "b", "c", "d"};

    private CheckStatus() {}

    record Response(String status) {}

    static Response httpGet(String url) throws IOException {
        if (url.equals("https://www.google.com")) {
            return new Response("200 OK");
        }
        throw new IOException("Get \"" + url + "\": unsupported protocol scheme \"\"");
    }

    static RecvChan<Result<Response>> checkStatus(RecvChan<?> done, String... urls) {
        Chan<Result<Response>> results = Chan.make();
        Go.go(() -> {
            try (results) {
                for (String url : urls) {
                    Result<Response> result = Result.of(() -> httpGet(url));
                    boolean sent = select(recv(done, r -> false), send(results, result, () -> true));
                    if (!sent) {
                        return;
                    }
                }
            }
        });
        return results;
    }

    /** The book's {@code main} over {@code urls}, printing through {@code out}. */
    static void printStatuses(Consumer<String> out, String... urls) {
        Chan<Void> done = Chan.make();
        try (done) { // defer close(done)
            int errCount = 0;
            for (Result<Response> result : checkStatus(done, urls)) {
                if (result instanceof Result.Err<Response>(var error)) {
                    out.accept("error: " + error.getMessage());
                    if (++errCount >= 3) {
                        out.accept("Too many errors, breaking!");
                        break;
                    }
                    continue;
                }
                out.accept("Response: " + result.orElseThrow().status());
            }
        }
    }

    public static void main(String[] args) {
        printStatuses(System.out::println, URLS);
    }
}
