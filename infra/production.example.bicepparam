// Production example: copy, adjust, keep under change control. Every value here is a decision recorded
// in docs/deployment.md ("Parameters"). Deploy with:
//   scripts/deploy --resource-group <rg> --parameters infra/production.example.bicepparam
// Required environment variable: MEDLEDGER_AUTH_CLIENT_ID.
using 'main.bicep'

param baseName = 'medledgerp'

param location = 'eastus2'

param authClientId = readEnvironmentVariable('MEDLEDGER_AUTH_CLIENT_ID')

// Only the clinic portal and the patient app may call the API (client ids of their app registrations).
param authAllowedClientApplications = [
  'aaaaaaaa-0000-4000-8000-000000000001'
  'aaaaaaaa-0000-4000-8000-000000000002'
]

// Part of every signed checkpoint: fixed for the life of the log.
param logOrigin = 'ledger.example-health.org/medledger'

param insurers = [
  {
    id: 'northwind-insurance'
    secretName: 'insurer-northwind-webhook'
  }
  {
    id: 'contoso-mutual'
    secretName: 'insurer-contoso-webhook'
    previousSecretName: 'insurer-contoso-webhook-previous'
  }
]

// Zone-redundant in the primary region, geo-replicated to the paired region (asynchronously: see
// docs/deployment.md on failover and checkpoints).
param storageSku = 'Standard_GZRS'

param storageSoftDeleteRetentionDays = 90

// Six years, the HIPAA documentation retention period (45 CFR 164.316(b)(2)).
param checkpointRetentionDays = 2190

param keyVaultSku = 'premium'

param keyVaultSoftDeleteRetentionDays = 90

param wrappingKeySize = 3072

param wrappingKeyRotationInterval = 'P1Y'

param instanceMemoryMB = 2048

param maximumInstanceCount = 100

param logRetentionDays = 365

param tags = {
  application: 'medledger'
  environment: 'production'
  dataClassification: 'phi'
}
