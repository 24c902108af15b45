package dev.shop.common.replicas;

import io.smallrye.stork.api.ServiceInstance;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica as a caller sees it: whether it reported ready, whether it was ejected for failing and
 * until when, and how many of the caller's requests it has in hand. Times are {@link System#nanoTime()}.
 * Transitions are synchronized (event loops and worker threads report on the same replica); they are
 * short and rarely contended.
 */
final class Replica {

    /** What a readiness check got. */
    enum Check { READY, NOT_READY, NO_ANSWER }

    private static final int MAX_BACKOFF = 8;

    private final ServiceInstance instance;
    private final boolean readinessAsked;
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean ready;
    private boolean awaitingCheck;
    private long readySince;
    private int checksUnanswered;
    private long ejectedUntil;
    private boolean ejected;
    private int failuresInARow;
    private int ejectionsInARow;

    /**
     * {@code readinessAsked}: in rotation only once a readiness check says so, and back after an ejection
     * only once one says so again; otherwise (discovery lists ready replicas only) from the start.
     */
    Replica(ServiceInstance instance, boolean readinessAsked, long now) {
        this.instance = instance;
        this.readinessAsked = readinessAsked;
        this.ready = !readinessAsked;
        this.readySince = now;
    }

    ServiceInstance instance() {
        return instance;
    }

    String address() {
        return instance.getHost() + ":" + instance.getPort();
    }

    synchronized boolean inRotation(long now) {
        if (ejected && now - ejectedUntil >= 0) {
            ejected = false;
        }
        return ready && !ejected && !awaitingCheck;
    }

    /**
     * Its share relative to a replica that is fully in: a tenth when it has just become ready, growing
     * to all of it over {@code slowStart}; a tenth of that while its last call failed; and less the more
     * requests it already has in hand (a replica that is slow, or frozen, collects them, and gets fewer
     * new ones).
     */
    synchronized double weight(long now, long slowStartNanos) {
        double ramp = slowStartNanos <= 0 ? 1 : Math.min(1, Math.max(0.1, (now - readySince) / (double) slowStartNanos));
        // One whose last call failed is tried little until one succeeds: a caller's retry goes elsewhere.
        double doubt = failuresInARow == 0 ? 1 : 0.1;
        return ramp * doubt / (1 + inFlight.get());
    }

    /** @return whether it is now ready when it was not, or the other way round */
    synchronized boolean checked(Check check, long now) {
        boolean was = ready;
        switch (check) {
            case READY -> {
                checksUnanswered = 0;
                awaitingCheck = false;
                if (!ready) {
                    readySince = now;
                }
                ready = true;
            }
            // A 503 (starting, stopping, its database away) or a refused connection: out at once.
            case NOT_READY -> ready = false;
            // Silence once may be a pause; twice, and it is out.
            case NO_ANSWER -> ready = ready && ++checksUnanswered < 2;
        }
        return was != ready;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    synchronized void succeeded() {
        inFlight.decrementAndGet();
        failuresInARow = 0;
        ejectionsInARow = 0;
    }

    /**
     * A call failed without an answer. A replica that cannot be reached is ejected at once; other
     * failures eject it when {@code failuresToEject} come in a row. The time out doubles with each
     * ejection in a row, and where readiness is asked, the replica is back only once a check after the
     * ejection says it is ready. The last replica in rotation is never ejected for its calls
     * ({@code mayEject} false): a blip of the caller's own (a pause of its event loop, say) would turn
     * into every request failing; its readiness checks still take a replica that is really gone out.
     *
     * @return whether this failure ejected it
     */
    synchronized boolean failed(boolean unreachable, int failuresToEject, long ejectionNanos, long now, boolean mayEject) {
        inFlight.decrementAndGet();
        failuresInARow++;
        if (ejected || !mayEject || !(unreachable || failuresInARow >= failuresToEject)) {
            return false;
        }
        ejected = true;
        // A frozen replica answers its readiness checks no more than its calls; time alone does not bring it back.
        awaitingCheck = readinessAsked;
        ejectedUntil = now + ejectionNanos * Math.min(MAX_BACKOFF, 1L << Math.min(ejectionsInARow, 3));
        ejectionsInARow++;
        failuresInARow = 0;
        return true;
    }

    /** A call ended neither well nor badly for the replica (the caller's client went away). */
    void ended() {
        inFlight.decrementAndGet();
    }
}
