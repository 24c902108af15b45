package dev.shop.user.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "signing_key")
class SigningKey {

    @Id
    private String kid;
    private String publicKey;
    private String privateKey;
    private Instant createdAt;
    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, String publicKey, String privateKey) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = Instant.now();
    }

    String kid() {
        return kid;
    }

    String publicKey() {
        return publicKey;
    }

    String privateKey() {
        return privateKey;
    }

    void retire(Instant now) {
        retiredAt = now;
    }

    void reinstate() {
        retiredAt = null;
    }
}
