package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.examples.CheckStatus.Response;
import io.github.chanflux.go.Go;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Error handling, "Concurrency in Go" 4.5, the first form: {@code checkStatus} prints each error
 * itself, inside its goroutine, and sends only the responses, so {@code main} never sees an error
 * and cannot decide anything about it. The book shows this to ask who should handle errors;
 * {@link CheckStatus} is its answer, a {@code Result} on the same channel as the responses.
 *
 * <pre>{@code
 * resp, err := http.Get(url)
 * if err != nil {
 *     fmt.Println(err)
 *     continue
 * }
 * }</pre>
 *
 * <p>{@code httpGet} is {@link CheckStatus}'s local fake, so there is no network: only
 * {@code https://www.google.com} answers, and the others fail as {@code Get "URL": ...}. With the
 * book's URLs the program prints {@code Response: 200 OK} and
 * {@code Get "https://badhost": unsupported protocol scheme ""}, in either order: {@code main}
 * prints the response while the goroutine goes on to the next URL and prints its error.
 */
public final class CheckStatusPrinting {

    /** The book's URLs. */
    static final String[] URLS = {"https://www.google.com", "https://badhost"};

    private CheckStatusPrinting() {}

    /** The book's first {@code checkStatus}: prints errors through {@code out}, sends responses. */
    static RecvChan<Response> checkStatus(Consumer<String> out, RecvChan<?> done, String... urls) {
        Chan<Response> responses = Chan.make();
        Go.go(() -> {
            try (responses) { // defer close(responses)
                for (String url : urls) {
                    Response resp;
                    try {
                        resp = CheckStatus.httpGet(url);
                    } catch (IOException err) {
                        out.accept(err.getMessage()); // fmt.Println(err)
                        continue;
                    }
                    boolean sent = select(recv(done, r -> false), send(responses, resp, () -> true));
                    if (!sent) {
                        return;
                    }
                }
            }
        });
        return responses;
    }

    /** The book's {@code main} over {@code urls}, printing through {@code out}. */
    static void printStatuses(Consumer<String> out, String... urls) {
        Chan<Void> done = Chan.make();
        try (done) { // defer close(done)
            for (Response response : checkStatus(out, done, urls)) {
                out.accept("Response: " + response.status());
            }
        }
    }

    public static void main(String[] args) {
        printStatuses(System.out::println, URLS);
    }
}
