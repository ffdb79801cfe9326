package org.countersign.store.sqlite.internal;

import org.countersign.api.audit.AuditRepository;
import org.countersign.api.event.DeliveryRepository;
import org.countersign.api.event.InboxRepository;
import org.countersign.api.event.OutboxRepository;
import org.countersign.api.storage.ApiKeyRepository;
import org.countersign.api.storage.CredentialRepository;
import org.countersign.api.storage.DraftRepository;
import org.countersign.api.storage.MemberRepository;
import org.countersign.api.storage.RequestRepository;
import org.countersign.api.storage.ResourceRepository;
import org.countersign.api.storage.RevisionRepository;
import org.countersign.api.storage.RoleRepository;
import org.countersign.api.storage.RuleScriptRepository;
import org.countersign.api.storage.RunRepository;
import org.countersign.api.storage.Tx;
import org.countersign.api.storage.UserRepository;
import org.countersign.api.storage.WorkspaceRepository;
import org.jdbi.v3.core.Handle;

/** A transaction on one JDBI handle; the repositories are thin, made on demand and share the transaction's memo. */
final class SqliteTx implements Tx {

    private final Handle handle;
    private final TxMemo memo = new TxMemo();

    SqliteTx(Handle handle) {
        this.handle = handle;
    }

    @Override
    public UserRepository users() {
        return new SqliteUserRepository(handle, memo);
    }

    @Override
    public ApiKeyRepository apiKeys() {
        return new SqliteApiKeyRepository(handle);
    }

    @Override
    public CredentialRepository credentials() {
        return new SqliteCredentialRepository(handle);
    }

    @Override
    public WorkspaceRepository workspaces() {
        return new SqliteWorkspaceRepository(handle);
    }

    @Override
    public MemberRepository members() {
        return new SqliteMemberRepository(handle, memo);
    }

    @Override
    public RoleRepository roles() {
        return new SqliteRoleRepository(handle);
    }

    @Override
    public ResourceRepository resources() {
        return new SqliteResourceRepository(handle, memo);
    }

    @Override
    public DraftRepository drafts() {
        return new SqliteDraftRepository(handle, memo);
    }

    @Override
    public RevisionRepository revisions() {
        return new SqliteRevisionRepository(handle, memo);
    }

    @Override
    public RunRepository runs() {
        return new SqliteRunRepository(handle);
    }

    @Override
    public RequestRepository requests() {
        return new SqliteRequestRepository(handle, memo);
    }

    @Override
    public RuleScriptRepository ruleScripts() {
        return new SqliteRuleScriptRepository(handle, memo);
    }

    @Override
    public AuditRepository audit() {
        return new SqliteAuditRepository(handle, memo);
    }

    @Override
    public OutboxRepository outbox() {
        return new SqliteOutboxRepository(handle);
    }

    @Override
    public InboxRepository inbox() {
        return new SqliteInboxRepository(handle);
    }

    @Override
    public DeliveryRepository deliveries() {
        return new SqliteDeliveryRepository(handle);
    }
}
