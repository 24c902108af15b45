package dev.shop.order.domain;

/** Why an order was rejected. */
public enum Rejection {
    /** Some product was short; catalog-service took nothing. */
    INSUFFICIENT_STOCK,
    /** Some product does not exist. */
    UNKNOWN_PRODUCT,
    /** Left pending while catalog-service could not be reached, then settled by recovery with nothing held. */
    ABANDONED
}
