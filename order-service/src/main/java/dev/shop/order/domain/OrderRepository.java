package dev.shop.order.domain;

import dev.shop.common.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    public Optional<Order> findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    public Optional<Order> lockOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Order lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<Order> pageOf(String userId, PageRequest page) {
        return find("userId = ?1 order by createdAt desc, id", userId)
                .range(page.offset(), page.offset() + page.size() - 1).list();
    }

    public long countOf(String userId) {
        return count("userId", userId);
    }

    /** Serializes requests carrying the same idempotency key for the same user. */
    public void lockIdempotencyKey(String userId, String key) {
        getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", userId + "\n" + key).getSingleResult();
    }

    public Optional<Order> findByIdempotencyKey(String userId, String key) {
        return find("userId = ?1 and idempotencyKey = ?2", userId, key).firstResultOptional();
    }

    /** PENDING orders nobody has moved since {@code before}: their requests are gone. */
    public List<UUID> stalePending(Instant before, int limit) {
        return find("select o.id from CustomerOrder o where o.status = ?1 and o.updatedAt < ?2 order by o.updatedAt",
                OrderStatus.PENDING, before).project(UUID.class).page(0, limit).list();
    }

    /** Cancellations requested before {@code before} and still not finished. */
    public List<UUID> stalledCancellations(Instant before, int limit) {
        return find("""
                        select o.id from CustomerOrder o
                        where o.status = ?1 and o.cancelRequestedAt is not null and o.cancelRequestedAt < ?2
                        order by o.cancelRequestedAt""",
                OrderStatus.CONFIRMED, before).project(UUID.class).page(0, limit).list();
    }

    /**
     * Takes up a PENDING order left alone since {@code before}. At most one caller succeeds, so
     * replicas running recovery at the same moment never settle the same order twice.
     */
    public boolean claimPending(UUID id, Instant before) {
        return update("updatedAt = ?1 where id = ?2 and status = ?3 and updatedAt < ?4",
                Instant.now(), id, OrderStatus.PENDING, before) == 1;
    }

    public boolean claimCancellation(UUID id, Instant before) {
        return update("cancelRequestedAt = ?1 where id = ?2 and status = ?3 and cancelRequestedAt < ?4",
                Instant.now(), id, OrderStatus.CONFIRMED, before) == 1;
    }

    /** Marks a PENDING order as being driven by a request now, so that recovery leaves it alone. */
    public void touchPending(UUID id) {
        update("updatedAt = ?1 where id = ?2 and status = ?3", Instant.now(), id, OrderStatus.PENDING);
    }
}
