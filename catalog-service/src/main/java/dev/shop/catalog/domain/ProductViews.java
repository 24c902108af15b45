package dev.shop.catalog.domain;

import dev.shop.common.web.Page;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What shoppers read of the catalog, kept in memory for a short while: product pages by id, and
 * listings (a category, a search, a sort, a page) by their query. The hottest reads of the shop then
 * cost no database round trip, no persistence context and no connection from the pool.
 *
 * <p>How stale they may be, stated: a change made through this replica (an administrator's edit,
 * a reservation, a release) is seen by its next read, because its product's page and every listing
 * (any of which may show it, or now leave it out) are dropped as soon as the change commits. A change
 * made through another replica is seen within the caches' time to live
 * ({@code quarkus.cache.caffeine."product-views"} and {@code ."product-listings".expire-after-write},
 * 1 s). Stock a page shows is only ever a hint: a reservation never reads these caches, it locks the
 * product's row.
 */
@ApplicationScoped
public class ProductViews {

    private final Cache pages;
    private final Cache listings;
    private final TransactionSynchronizationRegistry transactions;

    ProductViews(@CacheName("product-views") Cache pages, @CacheName("product-listings") Cache listings,
                 TransactionSynchronizationRegistry transactions) {
        this.pages = pages;
        this.listings = listings;
        this.transactions = transactions;
    }

    /** The product's view from memory, or from {@code load} when it is not there (and kept). */
    Optional<ProductView> find(long id, LongFunction<Optional<ProductView>> load) {
        return pages.get(id, key -> load.apply(id)).await().indefinitely();
    }

    /**
     * The page of products this query lists, from memory, or from {@code load} when it is not there
     * (and kept). A query {@code load} refuses (it throws) is not kept: the next one asks again.
     */
    Page<ProductView> search(ProductQuery query, Function<ProductQuery, Page<ProductView>> load) {
        return listings.get(query, load).await().indefinitely();
    }

    /**
     * This product changed in the current transaction: its page and the listings go once the
     * transaction ends (after a commit or a rollback alike). Dropping them before the commit would
     * let a read that starts in between keep the old row.
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
        pages.invalidate(id).await().indefinitely();
        listings.invalidateAll().await().indefinitely();
    }
}
