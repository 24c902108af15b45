package dev.shop.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateProfileTest {

    private static RateProfile profile(double rate, long ramp, long hold, long drop) {
        return new RateProfile(rate, Duration.ofSeconds(ramp), Duration.ofSeconds(hold), Duration.ofSeconds(drop));
    }

    @Test
    void plansTheIntegralOfTheRate() {
        // Half the peak over the ramp and the drop, the peak over the hold.
        assertEquals(72_000, profile(200, 60, 300, 60).totalArrivals());
        assertEquals(140, profile(20, 2, 5, 2).totalArrivals());
        assertEquals(500, profile(100, 0, 5, 0).totalArrivals());
        assertEquals(50, profile(10, 10, 0, 0).totalArrivals());
    }

    @Test
    void theRateRampsUpHoldsAndDrops() {
        RateProfile profile = profile(100, 10, 20, 10);
        assertEquals(0, profile.rateAt(0), 1e-9);
        assertEquals(50, profile.rateAt(5), 1e-9);
        assertEquals(100, profile.rateAt(10), 1e-9);
        assertEquals(100, profile.rateAt(29.9), 1e-9);
        assertEquals(50, profile.rateAt(35), 1e-9);
        assertEquals(0, profile.rateAt(40), 1e-9);
        assertEquals(RateProfile.Phase.RAMP, profile.phaseAt(9.9));
        assertEquals(RateProfile.Phase.HOLD, profile.phaseAt(10));
        assertEquals(RateProfile.Phase.DROP, profile.phaseAt(30));
        assertEquals(RateProfile.Phase.DONE, profile.phaseAt(40));
    }

    @Test
    void eachRequestIsDueWhenTheIntegralReachesIt() {
        RateProfile profile = profile(50, 4, 6, 3);
        double previous = 0;
        for (long k = 1; k <= profile.totalArrivals(); k++) {
            double due = profile.arrivalTime(k);
            assertTrue(due > previous, "request " + k + " is due after request " + (k - 1));
            assertEquals(k, profile.arrivalsBy(due), 1e-6, "the integral at request " + k);
            previous = due;
        }
        assertTrue(previous <= 13, "the last request is due within the profile");
    }

    @Test
    void requestsArriveAtTheTargetRateSecondBySecond() {
        RateProfile profile = profile(40, 10, 10, 10);
        int[] perSecond = new int[30];
        for (long k = 1; k <= profile.totalArrivals(); k++) {
            perSecond[(int) Math.ceil(profile.arrivalTime(k)) - 1]++;  // second s holds (s, s + 1]
        }
        for (int second = 0; second < 30; second++) {
            double expected = profile.arrivalsBy(second + 1) - profile.arrivalsBy(second);
            assertEquals(expected, perSecond[second], 1.0, "requests in second " + second);
        }
        assertEquals(2, perSecond[0], 1.0);   // ramp: from 0 to 4 per second in the first one
        assertEquals(40, perSecond[15]);      // hold: the peak
        assertEquals(2, perSecond[29], 1.0);  // drop: back towards 0
    }

    @Test
    void holdOnlySpacesRequestsEvenly() {
        RateProfile profile = profile(10, 0, 3, 0);
        assertEquals(0.1, profile.arrivalTime(1), 1e-9);
        assertEquals(0.2, profile.arrivalTime(2), 1e-9);
        assertEquals(3.0, profile.arrivalTime(30), 1e-9);
    }

    @Test
    void rampStartsSlowly() {
        RateProfile profile = profile(20, 2, 5, 2);
        assertEquals(Math.sqrt(2 * 2 * 1 / 20.0), profile.arrivalTime(1), 1e-9);
        assertEquals(2.0, profile.arrivalTime(20), 1e-9);   // the ramp's 20 requests end with it
        assertEquals(7.0, profile.arrivalTime(120), 1e-9);  // and the hold's 100 with the hold
        assertEquals(9.0, profile.arrivalTime(140), 1e-6);  // the last with the drop
    }

    @Test
    void rejectsWhatCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> profile(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> profile(-5, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> profile(10, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> profile(10, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> profile(10, 1, 1, 1).arrivalTime(21));
        assertThrows(IllegalArgumentException.class, () -> profile(10, 1, 1, 1).arrivalTime(0));
    }
}
