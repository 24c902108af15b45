package dev.shop.order.domain;

import dev.shop.common.persistence.AdvisoryLocks;
import dev.shop.common.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
        AdvisoryLocks.lock(getEntityManager(), "orders.idempotency-key", userId + "\n" + key);
    }

    public Optional<Order> findByIdempotencyKey(String userId, String key) {
        return find("userId = ?1 and idempotencyKey = ?2", userId, key).firstResultOptional();
    }

    /** PENDING orders nobody has moved since {@code before}: their requests are gone. */
    public List<UUID> stalePending(Instant before, int limit) {
        return find("select o.id from CustomerOrder o where o.status = ?1 and o.updatedAt < ?2 order by o.updatedAt",
                OrderStatus.PENDING, before).project(UUID.class).page(0, limit).list();
    }

    /** When the oldest order still PENDING was placed (the partial index on pending orders serves it). */
    public Optional<Instant> oldestPendingPlacedAt() {
        return Optional.ofNullable(getEntityManager()
                .createQuery("select min(o.createdAt) from CustomerOrder o where o.status = ?1", Instant.class)
                .setParameter(1, OrderStatus.PENDING).getSingleResult());
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

    /**
     * Writes the confirmation of an order read before, if it is still PENDING: one statement for the
     * order and one per line. False, with nothing written, when it is no longer PENDING or its lines
     * are not the ones recorded.
     */
    public boolean recordConfirmation(Order confirmed) {
        int orders = update("status = ?1, total = ?2, currency = ?3, updatedAt = ?4 where id = ?5 and status = ?6",
                confirmed.status(), confirmed.total(), confirmed.currency(), confirmed.updatedAt(), confirmed.id(),
                OrderStatus.PENDING);
        if (orders == 0) {
            return false;
        }
        for (OrderLine line : confirmed.lines()) {
            int lines = getEntityManager()
                    .createNativeQuery("UPDATE order_line SET name = :name, unit_price = :price "
                            + "WHERE order_id = :order AND product_id = :product AND quantity = :quantity")
                    .setParameter("name", line.name()).setParameter("price", line.unitPrice())
                    .setParameter("order", confirmed.id()).setParameter("product", line.productId())
                    .setParameter("quantity", line.quantity())
                    .executeUpdate();
            if (lines != 1) {
                QuarkusTransaction.setRollbackOnly();
                return false;
            }
        }
        return true;
    }

    /** Marks a PENDING order as being driven by a request now, so that recovery leaves it alone. */
    public void touchPending(UUID id) {
        update("updatedAt = ?1 where id = ?2 and status = ?3", Instant.now(), id, OrderStatus.PENDING);
    }
}
