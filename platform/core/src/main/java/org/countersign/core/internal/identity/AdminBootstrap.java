package org.countersign.core.internal.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Store;
import org.countersign.core.internal.config.CoreConfiguration;
import org.countersign.core.internal.support.OwnerOnlyFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start with an empty database (docs/domain.md#users-and-api-keys): creates the instance admin {@code
 * admin@localhost} with one API key, whose token is {@code admin.token} when set, otherwise generated, written to
 * {@code <data.dir>/initial-admin-token} (owner-only) and logged once.
 */
@Component(immediate = true, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AdminBootstrap {

    static final String ADMIN_EMAIL = "admin@localhost";
    static final String TOKEN_FILE = "initial-admin-token";

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    @Activate
    public AdminBootstrap(@Reference Store store, @Reference AuditLog audit, CoreConfiguration config) {
        bootstrap(store, new IdentityRecords(audit), config.admin_token().isBlank() ? null : config.admin_token().strip(),
                InstanceConfig.resolve(config.home(), config.data_dir()).resolve(TOKEN_FILE));
    }

    /** Creates the first admin when there is no user yet; does nothing otherwise. */
    static void bootstrap(Store store, IdentityRecords records, String configuredToken, Path tokenFile) {
        if (configuredToken != null && configuredToken.length() < Tokens.MIN_CONFIGURED_LENGTH) {
            throw new IllegalArgumentException("admin.token must be at least " + Tokens.MIN_CONFIGURED_LENGTH
                    + " characters long");
        }
        boolean created = store.write(tx -> {
            if (tx.users().count() > 0) {
                return false;
            }
            User admin = IdentityRecords.newUser(new NewUser(ADMIN_EMAIL, "Administrator", true));
            records.insertUser(tx, admin, "system", null);
            String token = configuredToken != null ? configuredToken : Tokens.generate();
            records.storeKey(tx, admin.id(), "initial admin token", token, "system", null);
            if (configuredToken == null) {
                // written before commit: if the file cannot be written, no unusable admin is left behind
                writeOwnerOnly(tokenFile, token);
                LOG.info("Created the instance admin {}; its API token (shown once, also in {}): {}", ADMIN_EMAIL,
                        tokenFile, token);
            } else {
                LOG.info("Created the instance admin {} with the token from admin.token", ADMIN_EMAIL);
            }
            return true;
        });
        if (!created) {
            LOG.debug("Users exist: no bootstrap needed");
        }
    }

    private static void writeOwnerOnly(Path file, String token) {
        try {
            OwnerOnlyFiles.write(file, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin token to " + file, e);
        }
    }
}
