// seeds/002: promotions are reviewed by release managers, and the release lead is always asked.
rule 'release managers review promotions', {
    when { change.kind == 'promote' }
    approvals 1, from: role('release_manager')
    reviewers users('release-lead@example.com')
}
