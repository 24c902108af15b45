package dev.shop.catalog.domain;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The product page's read model, kept in memory for a short while: the hottest read of the shop
 * then costs no database round trip, no persistence context and no connection from the pool.
 *
 * <p>How stale it may be, stated: a change made through this replica (an administrator's edit,
 * a reservation, a release) is seen by its next read, because the entry is dropped as soon as the
 * change commits. A change made through another replica is seen within the cache's time to live
 * ({@code quarkus.cache.caffeine."product-views".expire-after-write}, 1 s). Stock a page shows is
 * only ever a hint: a reservation never reads this cache, it locks the product's row.
 */
@ApplicationScoped
public class ProductViews {

    private final Cache cache;
    private final TransactionSynchronizationRegistry transactions;

    ProductViews(@CacheName("product-views") Cache cache, TransactionSynchronizationRegistry transactions) {
        this.cache = cache;
        this.transactions = transactions;
    }

    /** The product's view from memory, or from {@code load} when it is not there (and kept). */
    Optional<ProductView> find(long id, LongFunction<Optional<ProductView>> load) {
        return cache.get(id, key -> load.apply(id)).await().indefinitely();
    }

    /**
     * This product changed in the current transaction: its entry goes once the transaction ends
     * (after a commit or a rollback alike). Dropping it before the commit would let a read that
     * starts in between keep the old row.
     */
    void changed(long id) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                forget(id);
            }
        });
    }

    private void forget(long id) {
        cache.invalidate(id).await().indefinitely();
    }
}
