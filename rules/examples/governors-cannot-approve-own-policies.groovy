// seeds/003: a governor cannot approve a policy they wrote or edited.
rule 'governors cannot approve their own policies', {
    when { resource.type == 'policy' }
    forbidSelfApproval()
    forbidContributorApproval()
}
