// Key Vault with the two keys the app uses: an RSA key that wraps each record's data key, and an EC P-256 key
// that signs checkpoints. Access is by Azure RBAC only (no access policies); deleted keys stay recoverable and
// cannot be purged before the retention ends, so a compromised admin cannot destroy the keys that decrypt records.

@description('Azure region.')
@minLength(1)
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name (globally unique, 3-24 characters).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Vault SKU.')
@allowed([
  'standard'
  'premium'
])
param skuName string

@description('Days a deleted vault, key or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the RSA key that wraps record data keys.')
@minLength(1)
@maxLength(127)
param wrappingKeyName string

@description('RSA modulus size of the wrapping key, in bits.')
@allowed([
  3072
  4096
])
param wrappingKeySize int

@description('Age (ISO 8601 duration) at which Key Vault creates a new version of the wrapping key. Old versions stay enabled, so every stored record still unwraps.')
@allowed([
  'P90D'
  'P180D'
  'P1Y'
  'P2Y'
])
param wrappingKeyRotationInterval string

@description('Name of the EC P-256 key that signs checkpoints.')
@minLength(1)
@maxLength(127)
param signingKeyName string

@description('Resource ID of the Log Analytics workspace that receives the vault audit log.')
@minLength(1)
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: vaultName
  location: location
  tags: union(tags, {
    'medledger-role': 'keys'
  })
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// ARM creates a key only when it does not exist yet: redeploying never adds a version or changes a key.
// No expiry is set on rotated versions, so no old version ever stops unwrapping (threat T10: rotation, not loss).
resource wrappingKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' = {
  parent: vault
  name: wrappingKeyName
  properties: {
    kty: 'RSA'
    keySize: wrappingKeySize
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
    }
    rotationPolicy: {
      lifetimeActions: [
        {
          trigger: {
            timeAfterCreate: wrappingKeyRotationInterval
          }
          action: {
            type: 'rotate'
          }
        }
      ]
    }
  }
}

// Deliberately no rotation policy (threat T11): a new signing key must be announced to verifiers first
// (docs/deployment.md, "Rotating keys"), so it is rotated by hand, never on a timer.
resource signingKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' = {
  parent: vault
  name: signingKeyName
  properties: {
    kty: 'EC'
    curveName: 'P-256'
    keyOps: [
      'sign'
      'verify'
    ]
    attributes: {
      enabled: true
    }
  }
}

resource vaultAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-workspace'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output vaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
output vaultId string = vault.id
