package io.github.chanflux.webflux;

import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
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
     * Go's {@code userip.FromRequest}: the address the request came from, the remote address of
     * the connection ({@code req.RemoteAddr} in Go).
     *
     * <p>With {@code trustForwardedFor}, which the Go blog does not have: the last address of the
     * last {@code X-Forwarded-For} header, if the request has one. That is the address the proxy
     * in front of the server saw, as proxies append to the header: the entries before it are
     * whatever the client sent, so this is right behind exactly one trusted proxy (for a chain,
     * use Boot's {@code server.forward-headers-strategy}). A port is dropped
     * ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:443}); {@code unknown} and an obfuscated
     * identifier ({@code _hidden}, as RFC 7239 allows) fall back to the connection's address.
     * Literal addresses only: nothing is looked up.
     *
     * @param request the request
     * @param trustForwardedFor whether exactly one trusted proxy in front sets {@code X-Forwarded-For}
     * @return the user's address, or null if the request has no remote address
     * @throws RequestError (400) if a trusted {@code X-Forwarded-For} is not an IP address
     */
    public static InetAddress fromRequest(ServerHttpRequest request, boolean trustForwardedFor) {
        Objects.requireNonNull(request, "request");
        List<String> headers = trustForwardedFor ? request.getHeaders().get(X_FORWARDED_FOR) : null;
        if (headers != null && !headers.isEmpty()) {
            String last = headers.getLast();
            String node = last.substring(last.lastIndexOf(',') + 1).strip();
            if (!node.equalsIgnoreCase("unknown") && !node.startsWith("_")) {
                return forwardedAddress(node);
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /** {@code node}'s address, its port dropped: {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code 2001:db8::1}, {@code [2001:db8::1]:80}. */
    private static InetAddress forwardedAddress(String node) {
        String host = node;
        String port = "";
        if (node.startsWith("[") && node.contains("]")) {
            host = node.substring(1, node.indexOf(']'));
            port = node.substring(node.indexOf(']') + 1);
        } else if (node.indexOf(':') >= 0 && node.indexOf(':') == node.lastIndexOf(':')) {
            host = node.substring(0, node.indexOf(':'));
            port = node.substring(node.indexOf(':'));
        }
        InetAddress ip = port.isEmpty() || port.matches(":[0-9]{1,5}")
                ? NetUtil.createInetAddressFromIpAddressString(host)
                : null;
        if (ip == null) {
            throw new RequestError(
                    HttpStatus.BAD_REQUEST,
                    "userip: " + X_FORWARDED_FOR + " " + GoDuration.quote(node) + " is not an IP address",
                    null);
        }
        return ip;
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
