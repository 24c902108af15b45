package dev.shop.common.replicas;

import io.smallrye.stork.impl.DefaultServiceInstance;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a replica is in rotation, as its caller decides from readiness checks and calls' outcomes. */
class ReplicaTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();
    static final int FAILURES_TO_EJECT = 3;

    final long start = System.nanoTime();

    @Test
    void aListedReplicaGetsNothingUntilItReportsReady() {
        Replica replica = replica(false);
        assertFalse(replica.inRotation(start));
        assertTrue(replica.checked(Replica.Check.READY, start));
        assertTrue(replica.inRotation(start));
    }

    @Test
    void aReplicaSayingItIsNotReadyIsOutAtOnceButSilenceOnlyTheSecondTime() {
        Replica replica = ready();
        assertFalse(replica.checked(Replica.Check.NO_ANSWER, start), "one check unanswered may be a pause");
        assertTrue(replica.inRotation(start));
        assertTrue(replica.checked(Replica.Check.NO_ANSWER, start));
        assertFalse(replica.inRotation(start));

        Replica stopping = ready();
        assertTrue(stopping.checked(Replica.Check.NOT_READY, start), "a 503 from readiness: draining, or starting");
        assertFalse(stopping.inRotation(start));
    }

    @Test
    void aRefusedConnectionEjectsAtOnceOtherFailuresWhenTheyComeInARow() {
        Replica refusing = ready();
        refusing.started();
        assertTrue(fail(refusing, new ConnectException("Connection refused"), start));
        assertFalse(refusing.inRotation(start));

        Replica slow = ready();
        for (int i = 1; i < FAILURES_TO_EJECT; i++) {
            slow.started();
            assertFalse(fail(slow, new SocketTimeoutException("no answer"), start));
            assertTrue(slow.inRotation(start));
        }
        slow.started();
        slow.succeeded();
        slow.started();
        assertFalse(fail(slow, new SocketTimeoutException("no answer"), start), "a success in between starts the count again");
        slow.started();
        assertFalse(fail(slow, new SocketTimeoutException("no answer"), start));
        slow.started();
        assertTrue(fail(slow, new SocketTimeoutException("no answer"), start));
        assertFalse(slow.inRotation(start));
    }

    @Test
    void theLastReplicaInRotationIsNeverEjectedForItsCalls() {
        Replica last = ready();
        last.started();
        assertFalse(last.failed(true, FAILURES_TO_EJECT, SECOND, start, false));
        assertTrue(last.inRotation(start));
    }

    @Test
    void aConnectionNotTakenInTimeEjectsAtOnceAsARefusedOneDoes() {
        Replica gone = ready();
        gone.started();
        assertTrue(fail(gone, new io.netty.channel.ConnectTimeoutException("connection timed out: /10.0.0.9:8080"), start));
    }

    @Test
    void aReplicaWhoseLastCallFailedGetsATenthOfItsShareUntilOneSucceeds() {
        Replica replica = ready();
        replica.started();
        fail(replica, new SocketTimeoutException("no answer"), start);
        assertEquals(0.1, replica.weight(start, 0), 1e-9);
        replica.started();
        replica.succeeded();
        assertEquals(1.0, replica.weight(start, 0), 1e-9);
    }

    @Test
    void anEjectedReplicaIsBackAfterItsTimeAndEachEjectionInARowDoublesIt() {
        Replica replica = ready();
        long now = start;
        for (long expected : new long[] {1, 2, 4, 8, 8}) {
            replica.started();
            assertTrue(fail(replica, new ConnectException("Connection refused"), now));
            assertFalse(replica.inRotation(now + expected * SECOND - 1), "ejected for " + expected + " s");
            now += expected * SECOND;
            assertTrue(replica.inRotation(now), "back after " + expected + " s");
        }
        replica.started();
        replica.succeeded();
        replica.started();
        assertTrue(fail(replica, new ConnectException("Connection refused"), now));
        assertTrue(replica.inRotation(now + SECOND), "after a success, the first time again");
    }

    @Test
    void whereReadinessIsAskedAnEjectedReplicaIsBackOnlyOnceACheckSaysItIsReadyAgain() {
        Replica replica = replica(false);
        replica.checked(Replica.Check.READY, start);
        for (int i = 0; i < FAILURES_TO_EJECT; i++) {
            replica.started();
            fail(replica, new SocketTimeoutException("no answer"), start);
        }
        assertFalse(replica.inRotation(start + 10 * SECOND), "its time is up, but it said nothing since");
        replica.checked(Replica.Check.READY, start + 10 * SECOND);
        assertTrue(replica.inRotation(start + 10 * SECOND));
    }

    @Test
    void aNewReplicaStartsWithATenthOfTheShareAndGrowsToAllOfItAndOneWithRequestsInHandGetsLess() {
        Replica replica = replica(false);
        replica.checked(Replica.Check.READY, start);
        long slowStart = 5 * SECOND;
        assertEquals(0.1, replica.weight(start, slowStart), 1e-9);
        assertEquals(0.5, replica.weight(start + slowStart / 2, slowStart), 1e-9);
        assertEquals(1.0, replica.weight(start + slowStart, slowStart), 1e-9);
        assertEquals(1.0, replica.weight(start + 10 * slowStart, slowStart), 1e-9);
        replica.started();
        assertEquals(0.5, replica.weight(start + slowStart, slowStart), 1e-9);
        assertEquals(1.0, ready().weight(start, 0), 1e-9, "no slow start: all of it at once");
    }

    private boolean fail(Replica replica, Exception failure, long now) {
        return replica.failed(Failures.neverReached(failure), FAILURES_TO_EJECT, SECOND, now, true);
    }

    private Replica ready() {
        return replica(true);
    }

    /** {@code ready}: listed by a discovery that lists ready replicas only; otherwise readiness is asked. */
    private Replica replica(boolean ready) {
        return new Replica(new DefaultServiceInstance(1, "127.0.0.2", 8080, false), !ready, start);
    }
}
