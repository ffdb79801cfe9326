package org.countersign.api.storage;

import org.countersign.api.audit.AuditRepository;
import org.countersign.api.event.DeliveryRepository;
import org.countersign.api.event.InboxRepository;
import org.countersign.api.event.OutboxRepository;

/** One open transaction and the repositories that work inside it. Valid only during {@link TxWork#run}. */
public interface Tx {

    UserRepository users();

    ApiKeyRepository apiKeys();

    CredentialRepository credentials();

    WorkspaceRepository workspaces();

    MemberRepository members();

    RoleRepository roles();

    ResourceRepository resources();

    DraftRepository drafts();

    RevisionRepository revisions();

    RunRepository runs();

    RequestRepository requests();

    RuleScriptRepository ruleScripts();

    AuditRepository audit();

    OutboxRepository outbox();

    InboxRepository inbox();

    DeliveryRepository deliveries();
}
