package dev.shop.user.domain;

import dev.shop.common.settings.SettingChecks;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** user-service's settings that have bounds, checked when it starts (SettingChecks says why not Bean Validation). */
@ApplicationScoped
class SettingsCheck {

    void onStart(@Observes StartupEvent event, UserSettings.PasswordHashing passwords, UserSettings.LoginLimit logins) {
        check(passwords, logins);
    }

    static void check(UserSettings.PasswordHashing passwords, UserSettings.LoginLimit logins) {
        // 4 to 31 is what bcrypt accepts.
        SettingChecks.between("shop.password.bcrypt-cost", passwords.bcryptCost(), 4, 31);
        SettingChecks.atLeast("shop.password.pool-size", passwords.poolSize(), 1);
        SettingChecks.atLeast("shop.password.queue-size", passwords.queueSize(), 0);
        SettingChecks.atLeast("shop.login.max-failures", logins.maxFailures(), 1);
    }
}
