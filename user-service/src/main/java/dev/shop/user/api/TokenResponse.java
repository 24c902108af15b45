package dev.shop.user.api;

import dev.shop.user.domain.Tokens;

/** An OAuth 2.0-style token answer: the bearer token and its lifetime in seconds. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

    static TokenResponse from(Tokens.Issued issued) {
        return new TokenResponse(issued.accessToken(), "Bearer", issued.lifetime().toSeconds());
    }
}
