// docs/domain.md#approval-rules: nothing reaches production at weekends (in the workspace's time zone). Approvals may still be
// given; the request waits, approved and blocked, until Monday.
rule 'weekend freeze', {
    when { now.dayOfWeek in ['SATURDAY', 'SUNDAY'] && change.targetEnvironment == 'production' }
    block 'production is frozen at weekends'
}
