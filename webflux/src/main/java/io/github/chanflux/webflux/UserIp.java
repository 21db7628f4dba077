package io.github.chanflux.webflux;

import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The Go blog's {@code userip} package: the user's IP address, read from a request and carried
 * as a typed value of a {@link Context} under a key private to this class, so no other code can
 * collide with it.
 *
 * <pre>{@code
 * userIP, err := userip.FromRequest(req)      InetAddress ip = UserIp.fromRequest(request, false);
 * ctx = userip.NewContext(ctx, userIP)        ctx = UserIp.newContext(ctx, ip);
 * userIP, ok := userip.FromContext(ctx)       Optional<InetAddress> ip = UserIp.fromContext(ctx);
 * }</pre>
 */
public final class UserIp {

    /** The header a proxy names the client in; only read when the proxy is trusted. */
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private static final Key<InetAddress> KEY = Key.of("userip");

    private UserIp() {}

    /**
     * Go's {@code userip.FromRequest}: the address the request came from. With
     * {@code trustForwardedFor}, the first (client) address of {@code X-Forwarded-For} if the
     * request has one, as set by a proxy in front of the server; otherwise, and always without
     * it, the remote address of the connection. Literal addresses only: nothing is looked up.
     *
     * @param request the request
     * @param trustForwardedFor whether a trusted proxy sets {@code X-Forwarded-For}
     * @return the user's address, or null if the request has no remote address
     * @throws RequestError (400) if a trusted {@code X-Forwarded-For} is not an IP address
     */
    public static InetAddress fromRequest(ServerHttpRequest request, boolean trustForwardedFor) {
        Objects.requireNonNull(request, "request");
        String forwarded = trustForwardedFor ? request.getHeaders().getFirst(X_FORWARDED_FOR) : null;
        if (forwarded != null) {
            String client = forwarded.split(",", 2)[0].strip();
            InetAddress ip = NetUtil.createInetAddressFromIpAddressString(client);
            if (ip == null) {
                throw new RequestError(
                        HttpStatus.BAD_REQUEST,
                        "userip: " + X_FORWARDED_FOR + " \"" + client + "\" is not an IP address",
                        null);
            }
            return ip;
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /**
     * Go's {@code userip.NewContext}: a context carrying {@code ip}.
     *
     * @param parent the context to derive from
     * @param ip the user's address
     * @return the derived context
     */
    public static Context newContext(Context parent, InetAddress ip) {
        return Context.withValue(parent, KEY, Objects.requireNonNull(ip, "ip"));
    }

    /**
     * Go's {@code userip.FromContext}: the user's address {@code ctx} carries.
     *
     * @param ctx the context
     * @return the address, or empty if {@code ctx} carries none
     */
    public static Optional<InetAddress> fromContext(Context ctx) {
        return ctx.value(KEY);
    }
}
