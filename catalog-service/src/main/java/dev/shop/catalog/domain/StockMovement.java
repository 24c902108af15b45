package dev.shop.catalog.domain;

/**
 * What a reservation did to the stock, as {@link Inventory} tells it once the change is made;
 * {@link InventoryMetrics} counts it when (and only if) the transaction that made it commits.
 */
public enum StockMovement {
    /** Taken for an order for good, in one step. */
    TAKEN,
    /** Held for an order until it is confirmed. */
    HELD,
    /** A hold confirmed: the order is placed. */
    CONFIRMED,
    /** Given back: an order cancelled. */
    RELEASED,
    /** Given back: a hold that ran out unconfirmed. */
    EXPIRED,
    /** Given back: the order gave up before confirming (recovery, a catalog that was unreachable). */
    ABANDONED,
    /** Refused: some product had too little stock (a stock-out). Nothing was taken. */
    SHORT
}
