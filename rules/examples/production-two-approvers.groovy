// docs/domain.md#approval-rules: anything going to production needs two approvers among admins and editors, even for roles that
// could publish directly.
rule 'production changes need two approvers', {
    when { change.targetEnvironment == 'production' && change.kind in ['publish', 'delete'] }
    requireApproval()
    approvals 2, from: role('admin', 'workspace_editor')
}
