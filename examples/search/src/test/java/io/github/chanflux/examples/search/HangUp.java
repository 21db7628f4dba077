package io.github.chanflux.examples.search;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client that sends a GET on a raw socket and can go away before the answer, as a closed browser tab does. */
final class HangUp implements AutoCloseable {

    private final Socket socket;

    /** Sends {@code GET target} to the server on {@code port} of 127.0.0.1. */
    HangUp(int port, String target) throws IOException {
        socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Closes the connection, mid-request if the answer has not come yet. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
