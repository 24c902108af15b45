package dev.shop.user.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsCheckTest {

    @Test
    void aBcryptCostBcryptRefusesStopsTheStart() {
        assertRefused("shop.password.bcrypt-cost", hashing(3, 2, 0), limit(5));
        assertRefused("shop.password.bcrypt-cost", hashing(32, 2, 0), limit(5));
    }

    @Test
    void aPoolWithoutThreadsStopsTheStart() {
        assertRefused("shop.password.pool-size", hashing(10, 0, 0), limit(5));
    }

    @Test
    void aLoginLimitBelowOneStopsTheStart() {
        assertRefused("shop.login.max-failures", hashing(10, 2, 0), limit(0));
    }

    @Test
    void settingsWithinTheirBoundsPass() {
        assertDoesNotThrow(() -> SettingsCheck.check(hashing(4, 1, 0), limit(1)));
        assertDoesNotThrow(() -> SettingsCheck.check(hashing(31, 8, 100), limit(5)));
    }

    private static void assertRefused(String setting, UserSettings.PasswordHashing hashing, UserSettings.LoginLimit limit) {
        var refused = assertThrows(IllegalStateException.class, () -> SettingsCheck.check(hashing, limit));
        assertTrue(refused.getMessage().contains(setting), refused.getMessage());
    }

    private static UserSettings.PasswordHashing hashing(int cost, int poolSize, int queueSize) {
        return new UserSettings.PasswordHashing() {
            public int bcryptCost() { return cost; }
            public int poolSize() { return poolSize; }
            public int queueSize() { return queueSize; }
        };
    }

    private static UserSettings.LoginLimit limit(int maxFailures) {
        return new UserSettings.LoginLimit() {
            public int maxFailures() { return maxFailures; }
            public Duration window() { return Duration.ofMinutes(15); }
        };
    }
}
