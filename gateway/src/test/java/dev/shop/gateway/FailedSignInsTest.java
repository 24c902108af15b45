package dev.shop.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.shop.gateway.api.SignInLimit;
import dev.shop.gateway.domain.FailedSignIns;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FailedSignInsTest {

    /** A clock the test moves by hand. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final FailedSignIns failures = new FailedSignIns(3, Duration.ofMinutes(1), 1000, ticker);

    @Test
    void aClientIsLimitedAfterMaxFailuresUntilItsWindowEnds() {
        failures.recordFailure("192.0.2.1");
        failures.recordFailure("192.0.2.1");
        assertEquals(Optional.empty(), failures.retryAfter("192.0.2.1"));

        advance(Duration.ofSeconds(20));
        failures.recordFailure("192.0.2.1");
        // The window began at the first failure: 40 of its 60 seconds are left.
        assertEquals(Optional.of(Duration.ofSeconds(40)), failures.retryAfter("192.0.2.1"));

        advance(Duration.ofSeconds(39));
        assertEquals(Optional.of(Duration.ofSeconds(1)), failures.retryAfter("192.0.2.1"));
        advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), failures.retryAfter("192.0.2.1"));
    }

    @Test
    void aNewWindowStartsAfterTheLastOneEnded() {
        failures.recordFailure("192.0.2.1");
        failures.recordFailure("192.0.2.1");
        advance(Duration.ofSeconds(61));
        failures.recordFailure("192.0.2.1");
        failures.recordFailure("192.0.2.1");
        assertEquals(Optional.empty(), failures.retryAfter("192.0.2.1"));
        failures.recordFailure("192.0.2.1");
        assertEquals(Optional.of(Duration.ofSeconds(60)), failures.retryAfter("192.0.2.1"));
    }

    @Test
    void clientsAreCountedApart() {
        for (int i = 0; i < 3; i++) {
            failures.recordFailure("192.0.2.1");
        }
        assertEquals(Optional.empty(), failures.retryAfter("192.0.2.2"));
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4MappedOneItsIpv4Address() {
        assertEquals("192.0.2.1", SignInLimit.clientOf(SocketAddress.inetSocketAddress(1234, "192.0.2.1")));
        assertEquals("192.0.2.1", SignInLimit.clientOf(SocketAddress.inetSocketAddress(1234, "::ffff:192.0.2.1")));
        String one = SignInLimit.clientOf(SocketAddress.inetSocketAddress(1234, "2001:db8:1:2:aaaa::1"));
        assertEquals("2001:db8:1:2::/64", one);
        assertEquals(one, SignInLimit.clientOf(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:ffff:ffff:ffff:ffff")));
        assertNotEquals(one, SignInLimit.clientOf(SocketAddress.inetSocketAddress(1, "2001:db8:1:3::1")));
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
