package org.countersign.http.internal;

import io.javalin.Javalin;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.countersign.api.access.AccessService;
import org.countersign.api.approval.RequestService;
import org.countersign.api.audit.AuditService;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.config.StartupFailure;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.identity.SignInService;
import org.countersign.api.notify.NotificationService;
import org.countersign.api.resource.ResourceService;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.rules.RulesService;
import org.countersign.api.storage.Store;
import org.countersign.api.web.WebConsole;
import org.countersign.api.workspace.WorkspaceService;
import org.countersign.http.internal.console.ConsoleDispatch;
import org.countersign.http.internal.console.OidcClient;
import org.countersign.http.internal.console.SignInRoutes;
import org.countersign.http.internal.metrics.HttpMetrics;
import org.countersign.http.internal.metrics.PrometheusTelemetry;
import org.countersign.http.internal.routes.AccessRoutes;
import org.countersign.http.internal.routes.AuditRoutes;
import org.countersign.http.internal.routes.HealthRoutes;
import org.countersign.http.internal.routes.IdentityRoutes;
import org.countersign.http.internal.routes.NotificationRoutes;
import org.countersign.http.internal.routes.PasswordRoutes;
import org.countersign.http.internal.routes.PublicRoutes;
import org.countersign.http.internal.routes.RequestRoutes;
import org.countersign.http.internal.routes.ResourceRoutes;
import org.countersign.http.internal.routes.ResourceTypeRoutes;
import org.countersign.http.internal.routes.RouteGroup;
import org.countersign.http.internal.routes.RulesRoutes;
import org.countersign.http.internal.routes.SystemRoutes;
import org.countersign.http.internal.routes.WorkspaceRoutes;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.throttle.CredentialThrottle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server component: Javalin on {@code http.host}:{@code http.port}, started once the services it
 * needs are there. Routes are fixed when Javalin is built; what changes at run time (resource types,
 * bundles) is read per request.
 */
@Component(immediate = true, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class HttpApiServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    private final Javalin app;
    /** The web console, when its bundle is installed: asked for every page outside the API's paths. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WebConsole console;

    @Activate
    public HttpApiServer(BundleContext context, @Reference Store store, @Reference IdentityService identity,
            @Reference ResourceTypes types, @Reference WorkspaceService workspaces, @Reference AccessService access,
            @Reference AuditService audit, @Reference ResourceService resources, @Reference RequestService requests,
            @Reference RulesService rules, @Reference NotificationService notifications,
            @Reference StartupFailure failure, @Reference SignInService signIn,
            @Reference PrometheusTelemetry telemetry, HttpConfiguration config) {
        ApiApplication.Settings settings = new ApiApplication.Settings(config.http_host(), config.http_port(),
                config.http_max_body_bytes());
        HttpMetrics metrics = new HttpMetrics(telemetry);
        CredentialThrottle throttle = new CredentialThrottle(throttleLimits(config), Clock.systemUTC());
        Authentication authentication = new Authentication(identity, signIn, throttle);
        String publicUrl = InstanceConfig.publicUrl(config.public_url(), config.http_host(), config.http_port());
        ConsoleDispatch dispatch = new ConsoleDispatch(() -> console);
        SignInRoutes signInRoutes = new SignInRoutes(signIn, identity, throttle, oidc(config, publicUrl),
                config.oidc_autoProvision(), publicUrl.startsWith("https:"));
        app = withBundleClassLoader(() -> ApiApplication.create(settings, authentication, metrics, dispatch,
                routeGroups(new Services(context, store, identity, types, workspaces, access, audit, resources,
                        requests, rules, notifications, signIn), metrics, signInRoutes, publicUrl)));
        try {
            withBundleClassLoader(app::start);
        } catch (RuntimeException e) {
            if (!portTaken(e)) {
                throw e;
            }
            failure.halt("http.port " + settings.port() + " on " + settings.host() + " is already in use; stop what "
                    + "listens there or set another port (http.port, COUNTERSIGN_HTTP_PORT)");
            return;
        }
        LOG.info("HTTP API listening on http://{}:{}", settings.host(), app.port());
    }

    /** What the routes call. */
    record Services(BundleContext context, Store store, IdentityService identity, ResourceTypes types,
            WorkspaceService workspaces, AccessService access, AuditService audit, ResourceService resources,
            RequestService requests, RulesService rules, NotificationService notifications, SignInService signIn) {
    }

    /** Every route of the server, in one list (the route table that {@code openapi.json} describes). */
    static List<RouteGroup> routeGroups(Services s, HttpMetrics metrics, SignInRoutes signInRoutes, String publicUrl) {
        return List.of(
                new HealthRoutes(s.context(), s.store()),
                new PublicRoutes(metrics),
                new IdentityRoutes(s.identity(), s.workspaces(), s.signIn()),
                new PasswordRoutes(s.signIn(), s.notifications(), publicUrl),
                signInRoutes,
                new SystemRoutes(s.context()),
                new ResourceTypeRoutes(s.types()),
                new WorkspaceRoutes(s.workspaces()),
                new AccessRoutes(s.access()),
                new AuditRoutes(s.audit()),
                new ResourceRoutes(s.resources()),
                new RequestRoutes(s.requests()),
                new RulesRoutes(s.rules()),
                new NotificationRoutes(s.notifications()));
    }

    /** Single sign-on when {@code oidc.issuer} is set; null otherwise. */
    private static OidcClient oidc(HttpConfiguration config, String publicUrl) {
        String issuer = config.oidc_issuer().strip();
        if (issuer.isEmpty()) {
            return null;
        }
        LOG.info("Single sign-on through {}", issuer);
        String secret = config.oidc_client_secret().strip();
        return new OidcClient(issuer, config.oidc_client_id(), secret.isEmpty() ? null : secret, URI.create(publicUrl + "/console/oidc/callback"),
                Clock.systemUTC());
    }

    /** The {@code auth.throttle.*} keys: how bad tokens from one address are slowed down. */
    static CredentialThrottle.Limits throttleLimits(HttpConfiguration config) {
        return new CredentialThrottle.Limits(config.auth_throttle_max_failures(),
                Duration.ofMillis(config.auth_throttle_window_ms()), Duration.ofMillis(config.auth_throttle_block_ms()),
                Duration.ofMillis(config.auth_throttle_block_max_ms()), config.auth_throttle_max_clients(),
                config.auth_throttle_known_tokens());
    }

    @Deactivate
    void deactivate() {
        withBundleClassLoader(app::stop);
        LOG.info("HTTP API stopped");
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Jetty and Javalin look up services through the context class loader. */
    private static <T> T withBundleClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HttpApiServer.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
