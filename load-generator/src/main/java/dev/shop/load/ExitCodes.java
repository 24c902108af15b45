package dev.shop.load;

/** How the program ends, for scripts, CI and Kubernetes Jobs. */
final class ExitCodes {

    /** The run completed (with or without errors, unless --max-error-rate says otherwise). */
    static final int COMPLETED = 0;
    /** The run completed, but more requests failed than --max-error-rate allows. */
    static final int ERROR_RATE_EXCEEDED = 1;
    /** An option was invalid; nothing was sent. */
    static final int INVALID_OPTIONS = 2;
    /** The shop could not be reached or prepared (catalog, shoppers); nothing was measured. */
    static final int SHOP_UNAVAILABLE = 3;
    /** The JSON summary or the request log could not be written (the log: nothing was sent, or the run is incomplete). */
    static final int OUTPUT_NOT_WRITTEN = 4;
    /** Anything unexpected (with its stack trace). */
    static final int FAILED = 70;

    private ExitCodes() {
    }
}
