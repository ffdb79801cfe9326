// Changes to the finance team's resources are approved like any other but applied by hand, at a moment
// finance chooses, and their lead is always asked.
rule 'finance applies by hand', {
    when { resource.labels.team == 'finance' }
    applyManually()
    reviewers users('finance-lead@example.com')
}
