package dev.shop.benchmarks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The memory amounts `docker stats` prints, read in MiB. */
class ContainersTest {

    @Test
    void readsDockersUnits() {
        assertEquals(236.4, Containers.mebibytes("236.4MiB"), 1e-9);
        assertEquals(1536, Containers.mebibytes("1.5GiB"), 1e-9);
        assertEquals(0.5, Containers.mebibytes("512KiB"), 1e-9);
        assertEquals(1, Containers.mebibytes("1048576B"), 1e-9);
    }

    @Test
    void refusesWhatIsNotAnAmount() {
        assertThrows(IllegalArgumentException.class, () -> Containers.mebibytes("12 parsecs"));
    }
}
