// seeds/003: a governed change needs a minimum number of approvals before it is promoted or published.
rule 'policies and integrations need two approvals', {
    when { resource.type in ['policy', 'integration'] }
    requireApproval()
    approvals 2
}
