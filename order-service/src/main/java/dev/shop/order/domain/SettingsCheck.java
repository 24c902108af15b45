package dev.shop.order.domain;

import dev.shop.common.settings.SettingChecks;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** order-service's settings that have bounds, checked when it starts (SettingChecks says why not Bean Validation). */
@ApplicationScoped
class SettingsCheck {

    void onStart(@Observes StartupEvent event, Recovery.Settings recovery) {
        check(recovery);
    }

    static void check(Recovery.Settings recovery) {
        SettingChecks.atLeast("shop.recovery.batch-size", recovery.batchSize(), 1);
    }
}
