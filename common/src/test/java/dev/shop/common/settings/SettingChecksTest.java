package dev.shop.common.settings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingChecksTest {

    @Test
    void aNumberBelowItsLeastIsRefusedByName() {
        var refused = assertThrows(IllegalStateException.class, () -> SettingChecks.atLeast("shop.x.size", 0, 1));
        assertEquals("The setting shop.x.size is '0': it must be at least 1.", refused.getMessage());
        assertDoesNotThrow(() -> SettingChecks.atLeast("shop.x.size", 1, 1));
    }

    @Test
    void aNumberOutsideItsRangeIsRefusedByName() {
        assertThrows(IllegalStateException.class, () -> SettingChecks.between("shop.x.cost", 3, 4, 31));
        var refused = assertThrows(IllegalStateException.class, () -> SettingChecks.between("shop.x.cost", 32, 4, 31));
        assertEquals("The setting shop.x.cost is '32': it must be between 4 and 31.", refused.getMessage());
        assertDoesNotThrow(() -> SettingChecks.between("shop.x.cost", 4, 4, 31));
        assertDoesNotThrow(() -> SettingChecks.between("shop.x.cost", 31, 4, 31));
    }

    @Test
    void aTextThatDoesNotMatchWhollyIsRefusedByName() {
        var refused = assertThrows(IllegalStateException.class,
                () -> SettingChecks.matches("shop.currency", "EURO", "[A-Z]{3}", "three capital letters"));
        assertEquals("The setting shop.currency is 'EURO': it must be three capital letters.", refused.getMessage());
        assertThrows(IllegalStateException.class, () -> SettingChecks.matches("shop.currency", "eur", "[A-Z]{3}", "three"));
        assertThrows(IllegalStateException.class, () -> SettingChecks.matches("shop.currency", null, "[A-Z]{3}", "three"));
        assertDoesNotThrow(() -> SettingChecks.matches("shop.currency", "EUR", "[A-Z]{3}", "three capital letters"));
    }
}
