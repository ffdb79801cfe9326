package org.countersign.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.db.DbSqlSession;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.interceptor.Command;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * The peer: Flowable embedded in this process on an H2 file, the way a team would build approvals on a BPMN
 * engine. A change is a process instance with two user tasks and a publishing service task; each step is one
 * engine command (one transaction) that also writes the application's rows: resource, draft, revision and a
 * hash-chained audit event. H2 does not fsync on commit, so the peer gets a durability discount.
 */
final class FlowableEmbedded implements Lifecycle {

    static final String AUTHOR = "author";
    static final String LOCK_HEAD = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
    private static final String[] APPROVERS = {"approver-1", "approver-2"};
    private static final String[] TASKS = {"firstApproval", "secondApproval"};

    private final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final String sourceId = UUID.randomUUID().toString();

    FlowableEmbedded(Path dir) {
        ProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:file:" + dir.resolve("flowable").toAbsolutePath())
                .setJdbcDriver("org.h2.Driver").setJdbcUsername("sa").setJdbcPassword("")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .setHistoryLevel(HistoryLevel.AUDIT);
        config.setJdbcMaxActiveConnections(16);
        config.setJdbcMaxIdleConnections(16);
        engine = config.buildProcessEngine();
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        management = engine.getManagementService();
        engine.getRepositoryService().createDeployment().addClasspathResource("approval.bpmn20.xml").deploy();
        inCommand(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE resources (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " name VARCHAR(255) NOT NULL, state VARCHAR(16) NOT NULL, updated_at BIGINT NOT NULL)");
                s.execute("CREATE TABLE drafts (resource_id VARCHAR(64) PRIMARY KEY, content VARCHAR(10000) NOT NULL,"
                        + " updated_by VARCHAR(64) NOT NULL, process_id VARCHAR(64))");
                s.execute("CREATE TABLE revisions (resource_id VARCHAR(64) NOT NULL, number INT NOT NULL,"
                        + " content VARCHAR(10000) NOT NULL, published_by VARCHAR(64), process_id VARCHAR(64),"
                        + " PRIMARY KEY (resource_id, number))");
                s.execute(AuditChain.SCHEMA);
                s.execute(AuditChain.HEAD);
                s.execute(AuditChain.FIRST_HEAD);
            }
            Sql.update(c, "INSERT INTO resources VALUES (?, 'source', 'Warehouse', 'published', ?)", sourceId,
                    System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public String name() {
        return "flowable";
    }

    @Override
    public void run(int client, long n) {
        String content = Models.content("Model " + client + "-" + n, sourceId);
        String resource = inCommand(c -> {
            Lifecycle.expect("published".equals(Sql.single(c, "SELECT state FROM resources WHERE id = ?", sourceId)),
                    "the source is published");
            String id = UUID.randomUUID().toString();
            Sql.update(c, "INSERT INTO resources VALUES (?, 'model', 'Model', 'draft', ?)", id,
                    System.currentTimeMillis());
            Sql.update(c, "INSERT INTO drafts VALUES (?, ?, ?, NULL)", id, content, AUTHOR);
            AuditChain.append(c, LOCK_HEAD, AUTHOR, "resource.created", id, "{}");
            return id;
        });
        String process = inCommand(c -> {
            String id = runtime.startProcessInstanceByKey("approval", resource,
                    Map.of("resourceId", resource, "author", AUTHOR)).getId();
            Sql.update(c, "UPDATE drafts SET process_id = ? WHERE resource_id = ?", id, resource);
            AuditChain.append(c, LOCK_HEAD, AUTHOR, "request.submitted", id, "{}");
            return id;
        });
        for (int i = 0; i < APPROVERS.length; i++) {
            approve(process, TASKS[i], APPROVERS[i]);
        }
        Lifecycle.expect(runtime.createProcessInstanceQuery().processInstanceId(process).count() == 0, "the change is live");
    }

    private void approve(String process, String taskKey, String approver) {
        inCommand(c -> {
            Task task = tasks.createTaskQuery().processInstanceId(process).taskDefinitionKey(taskKey)
                    .taskCandidateGroup("approvers").singleResult();
            Lifecycle.expect(task != null, "a " + taskKey + " task");
            Lifecycle.expect(!AUTHOR.equals(approver) && !approver.equals(runtime.getVariable(process, "firstApprover")),
                    "a second person approves");
            AuditChain.append(c, LOCK_HEAD, approver, "request.approved", process, "{}");
            tasks.complete(task.getId(), Map.of(TASKS[0].equals(taskKey) ? "firstApprover" : "secondApprover",
                    approver));
            return null;
        });
    }

    /** The JDBC connection of the engine command running on this thread (its transaction). */
    static Connection connection() {
        return Context.getCommandContext().getSession(DbSqlSession.class).getSqlSession().getConnection();
    }

    private <T> T inCommand(Step<T> step) {
        return management.executeCommand((Command<T>) context -> {
            try {
                return step.run(connection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @FunctionalInterface
    private interface Step<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public long cpuNanos() {
        return Lifecycle.processCpuNanos();
    }

    @Override
    public void close() {
        engine.close();
    }
}
