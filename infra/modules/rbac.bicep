// Role assignments for the function app's identity: exactly the data-plane roles it uses, each scoped to the
// narrowest resource that works (shared/reference/azure-protocols.md section 7.5). Nothing at subscription or
// resource-group scope; role IDs are built-in role definition GUIDs.

@description('Object ID of the function app\'s system-assigned identity.')
@minLength(36)
@maxLength(36)
param principalId string

@description('Storage account used by the host and the app.')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Key Vault holding the keys and secrets.')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Name of the RSA key that wraps record data keys.')
@minLength(1)
param wrappingKeyName string

@description('Name of the EC P-256 key that signs checkpoints.')
@minLength(1)
param signingKeyName string

@description('Application Insights component the app sends telemetry to.')
@minLength(1)
param appInsightsName string

var roles = {
  // Host storage with an identity needs Owner on blobs (leases, the deployment package); it also covers the
  // records and checkpoints containers. Without a hierarchical namespace it adds no ACL powers.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Read, wrap and unwrap only: the app can never export, delete or rotate the key (threat T10).
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
  // Signing needs Crypto User (no narrower built-in role has keys/sign); it is granted on one key only.
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  // Resolves the Key Vault references of the pseudonym and webhook secrets.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Entra-authenticated telemetry ingestion (local auth is disabled on the component).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource wrappingKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' existing = {
  parent: vault
  name: wrappingKeyName
}

resource signingKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' existing = {
  parent: vault
  name: signingKeyName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource wrappingKeyUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(wrappingKey.id, principalId, roles.keyVaultCryptoServiceEncryptionUser)
  scope: wrappingKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoServiceEncryptionUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource signingKeyUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signingKey.id, principalId, roles.keyVaultCryptoUser)
  scope: signingKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
