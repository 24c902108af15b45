package dev.shop.order.client;

/** catalog-service did not answer in time, or answered with a server error: the outcome is unknown. */
public class CatalogUnavailable extends RuntimeException {

    public CatalogUnavailable(String message) {
        super(message);
    }

    public CatalogUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
