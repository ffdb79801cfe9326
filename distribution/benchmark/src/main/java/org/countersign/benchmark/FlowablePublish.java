package org.countersign.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/** The publishing service task: runs in the transaction of the second approval and makes the draft a revision. */
public class FlowablePublish implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String resource = (String) execution.getVariable("resourceId");
        String approver = (String) execution.getVariable("secondApprover");
        Connection c = FlowableEmbedded.connection();
        try {
            String content = Sql.single(c, "SELECT content FROM drafts WHERE resource_id = ?", resource);
            Sql.update(c, "INSERT INTO revisions VALUES (?, 1, ?, ?, ?)", resource, content, approver,
                    execution.getProcessInstanceId());
            Sql.update(c, "DELETE FROM drafts WHERE resource_id = ?", resource);
            Sql.update(c, "UPDATE resources SET state = 'published', updated_at = ? WHERE id = ?",
                    System.currentTimeMillis(), resource);
            AuditChain.append(c, FlowableEmbedded.LOCK_HEAD, approver, "resource.published", resource, "{}");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
