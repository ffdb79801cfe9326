// docs/domain.md#approval-rules: models labelled as holding personal data need one of their owners to approve.
rule 'PII models need an owner', {
    when { resource.type == 'model' && resource.labels.pii == 'true' }
    approvals 1, from: owners()
}
