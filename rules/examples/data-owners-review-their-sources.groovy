// seeds/003: data owners review the policies on the sources they own. A policy's requests already ask the
// owners of its data sources to review; this rule makes one of the policy's owners' approvals required.
rule 'data owners review policies on their sources', {
    when { resource.type == 'policy' && !resource.owners.isEmpty() }
    approvals 1, from: owners()
}
