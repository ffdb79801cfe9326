package org.countersign.core.internal.audit;

import java.util.List;
import java.util.function.Consumer;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.audit.AuditService;
import org.countersign.api.audit.AuditVerification;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.Store;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.support.Paging;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** A workspace's chain behind the access gate: any member may verify it; reading and exporting need manage. */
@Component(service = AuditService.class)
public class AuditServiceImpl implements AuditService {

    private static final int EXPORT_BATCH = 1000;

    private final Store store;
    private final AuditLog log;
    private final AccessControl access;

    @Activate
    public AuditServiceImpl(@Reference Store store, @Reference AuditLog log, @Reference AccessControl access) {
        this.store = store;
        this.log = log;
        this.access = access;
    }

    @Override
    public Page<AuditEvent> events(Actor actor, String slug, long afterSeq, Integer limit) {
        int size = Paging.limit(limit);
        List<AuditEvent> events = log.list(managedScope(actor, slug), afterSeq, size + 1);
        if (events.size() <= size) {
            return new Page<>(events, null);
        }
        List<AuditEvent> page = events.subList(0, size);
        return new Page<>(page, String.valueOf(page.get(size - 1).seq()));
    }

    @Override
    public AuditVerification verify(Actor actor, String slug) {
        String scope = store.read(tx -> access.enter(tx, actor, slug).workspaceId());
        return log.verify(scope);
    }

    @Override
    public void export(Actor actor, String slug, Consumer<String> lines) {
        String scope = managedScope(actor, slug);
        // events are never changed, so batches read one after another still form one consistent chain
        long after = 0;
        List<AuditEvent> batch;
        do {
            batch = log.list(scope, after, EXPORT_BATCH);
            for (AuditEvent event : batch) {
                lines.accept(AuditHasher.exportLine(event));
                after = event.seq();
            }
        } while (batch.size() == EXPORT_BATCH);
    }

    private String managedScope(Actor actor, String slug) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            return ws.workspaceId();
        });
    }
}
