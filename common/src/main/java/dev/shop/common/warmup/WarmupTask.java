package dev.shop.common.warmup;

/**
 * Work a service does once at start-up, before it reports ready, so that its first real requests
 * are not the ones paying for class loading, query compilation and first-use initialization.
 * It must not change any data.
 */
public interface WarmupTask {

    void run() throws Exception;
}
