package dev.shop.user.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "login_failure")
class LoginFailure {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** What was tried: an address on the public login, {@code service:<name>} for a service (LoginThrottle). */
    private String email;
    private Instant failedAt;

    protected LoginFailure() {
    }

    LoginFailure(String email, Instant failedAt) {
        this.email = email;
        this.failedAt = failedAt;
    }
}
