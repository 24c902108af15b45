package dev.shop.common.warmup;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/**
 * The warm-up only logs a failed step, so a throw-away token that stopped verifying (an expired
 * claim, a parser that grew stricter) would go unnoticed and the first real request would be cold
 * again: this fails instead.
 */
class TokenVerificationWarmupTest {

    @Test
    void theThrowAwayTokenVerifies() {
        assertDoesNotThrow(() -> new TokenVerificationWarmup(Optional.empty()).run());
    }
}
