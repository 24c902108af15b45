package dev.shop.system;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * What an update of a Deployment (or of a CloudNativePG Pooler's, the same strategy) may do when it
 * runs a number of replicas, resolved as the Deployment controller resolves it: how many pods it may
 * add beyond them (maxSurge) and how many of them may be unready at once (maxUnavailable). Each is a
 * number of pods or a percentage of the replicas, maxSurge rounded up and maxUnavailable down, 25 %
 * when not set; when both come to zero the controller lets one pod be unavailable, or the update
 * could never progress. Recreate stops every pod before it starts any. A string that is not a
 * percentage ({@code "1"}) is refused, as the API server refuses it.
 */
record RollingUpdate(int maxSurge, int maxUnavailable) {

    static final String DEFAULT = "25%";

    static RollingUpdate of(Deployment deployment, int replicas) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return new RollingUpdate(0, replicas);
        }
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        String what = deployment.getMetadata().getName() + "'s ";
        return of(rolling == null ? null : text(what + "maxSurge", rolling.getMaxSurge()),
                rolling == null ? null : text(what + "maxUnavailable", rolling.getMaxUnavailable()), replicas);
    }

    static RollingUpdate of(String maxSurge, String maxUnavailable, int replicas) {
        int surge = pods(maxSurge, replicas, true);
        int unavailable = pods(maxUnavailable, replicas, false);
        return new RollingUpdate(surge, surge == 0 && unavailable == 0 ? 1 : unavailable);
    }

    /** The replicas that stay ready throughout an update of this many. */
    int keptReady(int replicas) {
        return replicas - maxUnavailable;
    }

    private static int pods(String value, int replicas, boolean roundUp) {
        String given = value == null ? DEFAULT : value;
        if (!given.endsWith("%")) {
            return Integer.parseInt(given);
        }
        int percent = Integer.parseInt(given.substring(0, given.length() - 1));
        return roundUp ? (replicas * percent + 99) / 100 : replicas * percent / 100;
    }

    private static String text(String what, IntOrString value) {
        if (value == null || value.getIntVal() != null) {
            return value == null ? null : value.getIntVal().toString();
        }
        return percentage(what, value.getStrVal());
    }

    /** A string given for a number of pods must be a percentage: the API server refuses "1". */
    static String percentage(String what, String value) {
        if (!value.matches("[0-9]+%")) {
            throw new AssertionError(what + " is the string \"" + value + "\", which the API server refuses: a number of pods is written as a number, a string must be a percentage");
        }
        return value;
    }
}
