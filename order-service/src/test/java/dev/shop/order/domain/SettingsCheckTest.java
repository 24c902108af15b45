package dev.shop.order.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsCheckTest {

    @Test
    void aRecoveryBatchOfNoOrdersStopsTheStart() {
        var refused = assertThrows(IllegalStateException.class, () -> SettingsCheck.check(recovery(0)));
        assertTrue(refused.getMessage().contains("shop.recovery.batch-size"), refused.getMessage());
        assertDoesNotThrow(() -> SettingsCheck.check(recovery(1)));
    }

    private static Recovery.Settings recovery(int batchSize) {
        return new Recovery.Settings() {
            public Duration pendingTimeout() { return Duration.ofMinutes(1); }
            public String interval() { return "10s"; }
            public String initialDelay() { return "1s"; }
            public int batchSize() { return batchSize; }
        };
    }
}
