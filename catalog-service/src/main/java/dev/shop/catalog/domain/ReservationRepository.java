package dev.shop.catalog.domain;

import dev.shop.common.persistence.AdvisoryLocks;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID> {

    /**
     * Serializes every transaction about one reservation id until it commits: a retry waits for
     * the first attempt and then sees its outcome; a release waits for the reservation it undoes.
     */
    public void lockId(UUID id) {
        AdvisoryLocks.lock(getEntityManager(), "catalog.reservation", id.toString());
    }

    /** HELD reservations whose hold ran out before {@code now}, oldest first. */
    public List<UUID> expired(Instant now, int limit) {
        return find("select r.id from Reservation r where r.status = ?1 and r.expiresAt < ?2 order by r.expiresAt",
                Reservation.Status.HELD, now).project(UUID.class).page(0, limit).list();
    }
}
