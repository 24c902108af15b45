package dev.shop.user.domain;

import dev.shop.common.persistence.AdvisoryLocks;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The keys tokens have been signed with, by key id. */
@ApplicationScoped
class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    /** Serializes the choice of the signing key across replicas starting at once, until the transaction ends. */
    void lockChoice() {
        AdvisoryLocks.lock(getEntityManager(), "users.signing-key");
    }

    /** The keys signing now, and those retired after {@code since}, oldest first. */
    List<SigningKey> signingOrRetiredAfter(Instant since) {
        return list("from SigningKey k where k.retiredAt is null or k.retiredAt > :since order by k.createdAt",
                Parameters.with("since", since));
    }

    /** The keys signing now, except this one. */
    List<SigningKey> signingExcept(String kid) {
        return list("from SigningKey k where k.retiredAt is null and k.kid <> :kid", Parameters.with("kid", kid));
    }

    /** The newest key this service generated itself (it has its private half) that still signs. */
    Optional<SigningKey> newestGeneratedSigning() {
        return find("from SigningKey k where k.privateKey is not null and k.retiredAt is null order by k.createdAt desc")
                .firstResultOptional();
    }
}
