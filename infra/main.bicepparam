// Development / test environment. Deploy with: scripts/deploy --resource-group <rg> --location <region>
// Required environment variable: MEDLEDGER_AUTH_CLIENT_ID (the API's Entra app registration client id).
using 'main.bicep'

param baseName = 'medledger'

param authClientId = readEnvironmentVariable('MEDLEDGER_AUTH_CLIENT_ID')

param storageSku = 'Standard_LRS'

// One day keeps a test environment deletable soon after it is torn down; production keeps years.
param checkpointRetentionDays = 1

param storageSoftDeleteRetentionDays = 7

param keyVaultSoftDeleteRetentionDays = 7

param instanceMemoryMB = 2048

param maximumInstanceCount = 40

param logRetentionDays = 30

param insurers = []

param tags = {
  application: 'medledger'
  environment: 'dev'
}
