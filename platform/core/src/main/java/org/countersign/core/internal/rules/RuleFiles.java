package org.countersign.core.internal.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.Workspace;
import org.countersign.core.internal.config.CoreConfiguration;
import org.countersign.core.internal.support.Sha256;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules kept as files (docs/domain.md#approval-rules): {@code rules/<workspace-slug>.groovy} in the runtime folder is
 * that workspace's script, saved as a new version whenever the file changes; while the file exists the API refuses
 * edits. A file always counts: one that does not compile is the script all the same, so the workspace fails
 * closed (every change blocked with the compile error) until the file is fixed, and a file written before its
 * workspace exists applies from the moment the workspace is created. Deleting the file hands the script back
 * to the API.
 */
@Component(immediate = true, service = RuleFiles.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class RuleFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);
    private static final Pattern SLUG = Pattern.compile(Workspace.SLUG_PATTERN);
    private static final long POLL_MS = 1_000;

    private final Store store;
    private final AuditLog audit;
    private final RulesGate rules;
    private final Path folder;
    /** What was last applied per slug (content hash), so an unchanged file is not reread into a version. */
    private final Map<String, String> seen = new HashMap<>();
    /** Files waiting for their workspace, each logged once. */
    private final Set<String> waiting = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "countersign-rule-files");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public RuleFiles(@Reference Store store, @Reference AuditLog audit, @Reference RulesGate rules,
            CoreConfiguration config) {
        this(InstanceConfig.resolve(config.home(), "rules"), store, audit, rules);
        poller.scheduleWithFixedDelay(this::scanQuietly, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    RuleFiles(Path folder, Store store, AuditLog audit, RulesGate rules) {
        this.folder = folder;
        this.store = store;
        this.audit = audit;
        this.rules = rules;
    }

    @Deactivate
    void stop() {
        poller.shutdownNow();
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Reading rules files in {} failed: {}", folder, e.getMessage(), e);
        }
    }

    /** One pass over the folder: new or changed files become versions, deleted ones release their workspace. */
    synchronized void scan() {
        Optional<RuleEngine> engine = rules.engine();
        if (engine.isEmpty() || !Files.isDirectory(folder)) {
            return;
        }
        Set<String> present = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".groovy")).toList()) {
                String slug = file.getFileName().toString().replaceFirst("\\.groovy$", "");
                if (SLUG.matcher(slug).matches()) {
                    present.add(slug);
                    read(file).ifPresent(source -> apply(slug, source, engine.get()));
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", folder, e.getMessage());
            return;
        }
        waiting.retainAll(present);
        for (String slug : Set.copyOf(seen.keySet())) {
            if (!present.contains(slug)) {
                seen.remove(slug);
                release(slug);
            }
        }
    }

    private void apply(String slug, String source, RuleEngine engine) {
        String hash = Sha256.hex(source);
        if (hash.equals(seen.get(slug))) {
            return;
        }
        boolean applied = store.write(tx -> {
            Optional<StoredWorkspace> workspace = tx.workspaces().bySlug(slug);
            if (workspace.isEmpty()) {
                return false;
            }
            adopt(tx, workspace.get().id(), source);
            return true;
        });
        if (!applied) {
            if (waiting.add(slug)) {
                LOG.warn("rules/{}.groovy names no workspace yet; it applies when workspace {} is created", slug, slug);
            }
            return;
        }
        waiting.remove(slug);
        seen.put(slug, hash);
        List<RuleProblem> problems = engine.check(source);
        if (problems.isEmpty()) {
            LOG.info("Workspace {} uses rules/{}.groovy", slug, slug);
        } else {
            RuleProblem first = problems.get(0);
            LOG.error("rules/{}.groovy does not compile (line {}, column {}: {}); every change in workspace {} is "
                    + "blocked until the file is fixed", slug, first.line(), first.column(), first.message(), slug);
        }
    }

    /**
     * Makes a new workspace's rules file its script in the transaction that creates the workspace, so that no
     * change slips in before the next scan.
     */
    public void adoptOnCreate(Tx tx, String workspaceId, String slug) {
        Path file = folder.resolve(slug + ".groovy");
        if (Files.isRegularFile(file)) {
            read(file).ifPresent(source -> adopt(tx, workspaceId, source));
        }
    }

    /** Saves {@code source} as the workspace's file-managed script unless it already is. */
    private void adopt(Tx tx, String workspaceId, String source) {
        Optional<StoredRuleScript> current = tx.ruleScripts().current(workspaceId);
        boolean same = current.filter(c -> c.source().equals(source) && StoredRuleScript.FILE.equals(c.managedBy()))
                .isPresent();
        if (!same) {
            RuleScripts.save(tx, audit, workspaceId, source, null, null, StoredRuleScript.FILE);
        }
    }

    private void release(String slug) {
        store.write(tx -> {
            tx.workspaces().bySlug(slug).ifPresent(workspace -> tx.ruleScripts().current(workspace.id())
                    .filter(c -> StoredRuleScript.FILE.equals(c.managedBy()))
                    .ifPresent(c -> RuleScripts.save(tx, audit, workspace.id(), c.source(), null, null,
                            StoredRuleScript.API)));
            return null;
        });
        LOG.info("rules/{}.groovy is gone; its workspace's rules are managed through the API again", slug);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
