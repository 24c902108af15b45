package dev.shop.load;

/** The shop could not be found or prepared for a run: nothing was measured. */
final class ShopUnavailable extends RuntimeException {

    ShopUnavailable(String message) {
        super(message);
    }
}
