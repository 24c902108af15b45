package dev.shop.catalog.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsCheckTest {

    @Test
    void aCurrencyThatIsNotAnIsoCodeStopsTheStart() {
        var refused = assertThrows(IllegalStateException.class, () -> SettingsCheck.check(() -> "Euro"));
        assertTrue(refused.getMessage().contains("shop.currency"), refused.getMessage());
        assertDoesNotThrow(() -> SettingsCheck.check(() -> "EUR"));
    }
}
