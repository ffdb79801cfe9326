// seeds/001: changes by workspace draft editors go live only after someone approves them.
// Roles already require this while the workspace's requireApprovals is on; the rule keeps it so
// even when the setting is off.
rule 'draft editors need approval', {
    when { actor.role == 'workspace_draft_editor' }
    requireApproval()
}
