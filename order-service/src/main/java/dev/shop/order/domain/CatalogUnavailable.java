package dev.shop.order.domain;

/** The catalog did not answer in time, or failed: what became of the call is not known. */
public class CatalogUnavailable extends RuntimeException {

    public CatalogUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
