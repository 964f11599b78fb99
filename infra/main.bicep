metadata description = 'MedLedger: a Flex Consumption custom-handler function app with identity-only access to Storage, Key Vault and Application Insights, Easy Auth in front, and WORM checkpoint copies. Deploy with scripts/deploy (docs/deployment.md).'

targetScope = 'resourceGroup'

import { insurer } from 'modules/types.bicep'

@description('Short name that starts every resource name: 3-11 lowercase letters and digits. Names are derived from it and the resource group, so the same inputs always give the same names.')
@minLength(3)
@maxLength(11)
param baseName string

@description('Azure region for every resource (Flex Consumption must be offered there).')
@minLength(1)
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

@description('Application (client) ID of the Entra app registration that represents the MedLedger API (Easy Auth).')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Token audiences the API accepts; empty means api://<authClientId>.')
param authAllowedAudiences string[] = []

@description('Client application IDs allowed to call the API; empty accepts any application of the tenant that obtains a token for the audience.')
param authAllowedClientApplications string[] = []

@description('Insurers whose signed webhooks are accepted (secret names only; the values are set in Key Vault).')
param insurers insurer[] = []

@description('Checkpoint origin line of the log. It is part of every signed checkpoint: never change it once the log has a checkpoint. Empty means <function app host name>/ledger.')
@maxLength(253)
param logOrigin string = ''

@description('Name of the Key Vault secret under which patient ids become pseudonyms. scripts/deploy creates it once, with 32 random bytes, and never overwrites it.')
@minLength(1)
@maxLength(127)
param pseudonymSecretName string = 'ledger-pseudonym-secret'

@description('Number of logs the ledger is sharded into (default 1); a patient always maps to one log. Raising it later moves some patients\' future events to a new log; lowering it is not supported.')
@minValue(1)
@maxValue(64)
param logCount int = 1

@description('Largest request body the API accepts, in bytes (default 10 MiB); the Functions front end itself caps requests at 100 MB.')
@minValue(1024)
@maxValue(104857600)
param maxRequestBodyBytes int = 10485760

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Storage redundancy. Geo-replication is asynchronous: read docs/deployment.md before choosing a GRS option.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param storageSoftDeleteRetentionDays int = 30

@description('Days each checkpoint copy stays immutable. The policy is locked by scripts/deploy: afterwards it can be extended but never shortened.')
@minValue(1)
@maxValue(146000)
param checkpointRetentionDays int = 2190

@description('Write the checkpoint retention policy. scripts/deploy passes false once the policy is locked, because a locked policy cannot be re-written.')
param manageCheckpointRetentionPolicy bool = true

@description('Key Vault SKU.')
@allowed([
  'standard'
  'premium'
])
param keyVaultSku string = 'standard'

@description('Days a deleted vault, key or secret can be recovered (purge protection keeps it for this long).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionDays int = 90

@description('RSA modulus size of the record wrapping key, in bits.')
@allowed([
  3072
  4096
])
param wrappingKeySize int = 3072

@description('Age at which Key Vault rotates the record wrapping key (ISO 8601 duration).')
@allowed([
  'P90D'
  'P180D'
  'P1Y'
  'P2Y'
])
param wrappingKeyRotationInterval string = 'P1Y'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

// Deterministic names: the same resource group and base name always give the same names.
var suffix = uniqueString(resourceGroup().id, baseName)
var base = toLower(baseName)
var names = {
  storageAccount: take('st${base}${suffix}', 24)
  keyVault: take('kv-${base}-${suffix}', 24)
  functionApp: 'func-${base}-${suffix}'
  plan: 'plan-${base}-${suffix}'
  workspace: 'log-${base}-${suffix}'
  appInsights: 'appi-${base}-${suffix}'
}

// The one list of containers, queues and tables (also read by tests/Infra.Tests).
var storageLayout = loadJsonContent('storage-layout.json')

var wrappingKeyName = 'records-kek'
var signingKeyName = 'checkpoint-signing'
var effectiveLogOrigin = empty(logOrigin) ? '${names.functionApp}.azurewebsites.net/ledger' : logOrigin
var effectiveAudiences = empty(authAllowedAudiences) ? [
  'api://${authClientId}'
] : authAllowedAudiences

module monitoring 'modules/monitoring.bicep' = {
  name: '${deployment().name}-monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: '${deployment().name}-storage'
  params: {
    location: location
    tags: tags
    accountName: names.storageAccount
    skuName: storageSku
    softDeleteRetentionDays: storageSoftDeleteRetentionDays
    checkpointRetentionDays: checkpointRetentionDays
    manageCheckpointRetentionPolicy: manageCheckpointRetentionPolicy
    recordsContainerName: storageLayout.containers.records
    checkpointsContainerName: storageLayout.containers.checkpoints
    deploymentContainerName: storageLayout.containers.deployment
    queueNames: storageLayout.queues
    tableNames: storageLayout.tables
    workspaceId: monitoring.outputs.workspaceId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: '${deployment().name}-keyvault'
  params: {
    location: location
    tags: tags
    vaultName: names.keyVault
    skuName: keyVaultSku
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionDays
    wrappingKeyName: wrappingKeyName
    wrappingKeySize: wrappingKeySize
    wrappingKeyRotationInterval: wrappingKeyRotationInterval
    signingKeyName: signingKeyName
    workspaceId: monitoring.outputs.workspaceId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: '${deployment().name}-functionapp'
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.functionApp
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    storageAccountName: storage.outputs.accountName
    deploymentContainerName: storageLayout.containers.deployment
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultUri: keyVault.outputs.vaultUri
    wrappingKeyName: wrappingKeyName
    signingKeyName: signingKeyName
    pseudonymSecretName: pseudonymSecretName
    logOrigin: effectiveLogOrigin
    logCount: logCount
    insurers: insurers
    maxRequestBodyBytes: maxRequestBodyBytes
    authClientId: authClientId
    authAllowedAudiences: effectiveAudiences
    authAllowedClientApplications: authAllowedClientApplications
  }
}

module rbac 'modules/rbac.bicep' = {
  name: '${deployment().name}-rbac'
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.accountName
    keyVaultName: keyVault.outputs.vaultName
    wrappingKeyName: wrappingKeyName
    signingKeyName: signingKeyName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

// Names and addresses only: no key, secret or connection string is ever an output.
output FUNCTION_APP_NAME string = functionApp.outputs.appName
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output LOG_PUBLIC_KEY_URL string = 'https://${functionApp.outputs.defaultHostName}/api/ledger/public-key'
output LOG_ORIGIN string = effectiveLogOrigin
output STORAGE_ACCOUNT_NAME string = storage.outputs.accountName
output CHECKPOINT_CONTAINER_NAME string = storage.outputs.checkpointsContainerName
output KEY_VAULT_NAME string = keyVault.outputs.vaultName
output KEY_VAULT_URI string = keyVault.outputs.vaultUri
output KEY_VAULT_RESOURCE_ID string = keyVault.outputs.vaultId
output PSEUDONYM_SECRET_NAME string = pseudonymSecretName
output WEBHOOK_SECRET_NAMES string[] = concat(map(insurers, entry => entry.secretName), map(filter(insurers, entry => !empty(entry.?previousSecretName ?? '')), entry => entry.?previousSecretName ?? ''))
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
