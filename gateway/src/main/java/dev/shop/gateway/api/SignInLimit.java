package dev.shop.gateway.api;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.shop.common.problem.ProblemType;
import dev.shop.gateway.GatewayConfig;
import dev.shop.gateway.domain.FailedSignIns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Limits failed logins and registrations per client at the edge: a client whose logins were
 * answered 401, or whose registrations were refused (4xx), {@code shop.gateway.failed-sign-ins.max}
 * times within the window gets 429 with Retry-After for its further logins and registrations, and
 * they are not forwarded. Successes are never counted: a load generator may register and log in
 * any number of shoppers from one address. user-service limits failures per account as well; this
 * limit is what stops one client from trying many accounts.
 *
 * <p>The client is the connection's address, or the address a trusted proxy forwarded: Quarkus
 * replaces the remote address only when {@code quarkus.http.proxy.*} says to (see
 * application.properties). The counts are per gateway replica ({@link FailedSignIns}).
 */
@ApplicationScoped
public class SignInLimit {

    /** The requests that are limited, and which of their answers are failures. */
    enum SignIn {
        LOGIN("/api/auth/login") {
            @Override
            boolean failed(int status) {
                return status == 401;
            }
        },
        REGISTRATION("/api/users") {
            @Override
            boolean failed(int status) {
                // 400 (invalid) and 409 (address taken) are what guessing at accounts produces;
                // user-service's own 429 is a refusal, not an attempt.
                return status >= 400 && status < 500 && status != 429;
            }
        };

        private final String path;

        SignIn(String path) {
            this.path = path;
        }

        abstract boolean failed(int status);

        static Optional<SignIn> of(HttpServerRequest request) {
            if (request.method() != HttpMethod.POST) {
                return Optional.empty();
            }
            String path = request.path();
            String exact = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return Arrays.stream(values()).filter(s -> s.path.equals(exact)).findFirst();
        }
    }

    private final FailedSignIns failures;
    private final ProblemWriter problems;
    /** {@code shop_logins_total{outcome="limited"}}, as user-service counts its own refusals. */
    private final Counter limited;

    SignInLimit(GatewayConfig config, ProblemWriter problems, MeterRegistry registry) {
        GatewayConfig.FailedSignIns limit = config.failedSignIns();
        this.failures = new FailedSignIns(limit.max(), limit.window(), limit.trackedClients(), Ticker.systemTicker());
        this.problems = problems;
        this.limited = Counter.builder("shop.logins").tag("outcome", "limited")
                .description("Logins and registrations refused at the edge with 429, after too many failures")
                .register(registry);
    }

    /** Route handler: a sign-in from a client that failed too often is refused before its body is read. */
    public void refuseIfLimited(RoutingContext rc) {
        if (SignIn.of(rc.request()).isEmpty()) {
            rc.next();
            return;
        }
        Optional<Duration> wait = failures.retryAfter(clientOf(rc.request().remoteAddress()));
        if (wait.isEmpty()) {
            rc.next();
            return;
        }
        // Whole seconds, rounded up: a client that waits as long as it is told is not refused again.
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        limited.increment();
        rc.response().putHeader("Retry-After", Long.toString(seconds));
        problems.sendAndStopReading(rc, ProblemType.TOO_MANY_FAILED_SIGN_INS.problem(
                "Too many failed logins or registrations came from this address; try again in " + seconds
                        + " seconds."));
    }

    /**
     * For a request about to be forwarded: if it is a sign-in, the backend's answer is counted when
     * its status goes out. (Only the backend's answers: the gateway's own 408, 413 or 503 are not
     * about the credentials.)
     */
    public void countFailureOf(RoutingContext rc) {
        Optional<SignIn> signIn = SignIn.of(rc.request());
        if (signIn.isEmpty()) {
            return;
        }
        String client = clientOf(rc.request().remoteAddress());
        rc.addHeadersEndHandler(headers -> {
            if (signIn.get().failed(rc.response().getStatusCode())) {
                failures.recordFailure(client);
            }
        });
    }

    /**
     * Whom a request is counted against: its IPv4 address, or for IPv6 the /64 network, since one
     * subscriber commonly holds a whole /64 and could otherwise take a new address for every try.
     */
    public static String clientOf(SocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        String host = address.hostAddress() != null ? address.hostAddress() : address.host();
        byte[] ip = host == null ? null : NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            // Not an IP address (a name a trusted proxy forwarded, a Unix socket): counted as it is.
            return String.valueOf(host);
        }
        if (ip.length == 4) {
            return NetUtil.bytesToIpAddress(ip);
        }
        if (isIpv4Mapped(ip)) {
            return NetUtil.bytesToIpAddress(Arrays.copyOfRange(ip, 12, 16));
        }
        Arrays.fill(ip, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(ip) + "/64";
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }
}
