// docs/domain.md#approval-rules: a sync edit that only moves its schedule needs one approval from anyone allowed to approve.
rule 'schedule-only sync edits', {
    when { resource.type == 'sync' && diff.onlyTouches('/schedule') }
    approvals 1
}
