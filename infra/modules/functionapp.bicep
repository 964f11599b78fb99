// The Flex Consumption function app that runs MedLedger as a custom handler (shared/design.md D1), with
// built-in authentication (Easy Auth) in front of every route except the signed insurer webhook and health.
// It holds no credentials: storage, Key Vault and Application Insights are reached with its system-assigned
// identity, and secrets arrive as Key Vault references resolved by the platform.

import { insurer } from 'types.bicep'

@description('Azure region.')
@minLength(1)
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
@minLength(1)
@maxLength(60)
param planName string

@description('Name of the function app (its host name is <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param appName string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Name of the storage account used by the host and the app.')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Blob container the plan deploys the package from.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string

@description('Name of the Application Insights component.')
@minLength(1)
param appInsightsName string

@description('Key Vault URI, ending with a slash.')
@minLength(1)
param keyVaultUri string

@description('Name of the Key Vault RSA key that wraps record data keys.')
@minLength(1)
param wrappingKeyName string

@description('Name of the Key Vault EC P-256 key that signs checkpoints.')
@minLength(1)
param signingKeyName string

@description('Name of the Key Vault secret under which patient ids become pseudonyms.')
@minLength(1)
@maxLength(127)
param pseudonymSecretName string

@description('Checkpoint origin line of the log.')
@minLength(1)
@maxLength(253)
param logOrigin string

@description('Insurers whose signed webhooks are accepted.')
param insurers insurer[]

@description('Number of logs the ledger is sharded into; log 0 is named by the origin, log i by origin/i.')
@minValue(1)
@maxValue(64)
param logCount int

@description('Largest request body the API accepts, in bytes; larger bodies are refused with 413 before they are read.')
@minValue(1024)
@maxValue(104857600)
param maxRequestBodyBytes int

@description('Application (client) ID of the Entra app registration that represents the MedLedger API.')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Token audiences the API accepts.')
@minLength(1)
param authAllowedAudiences string[]

@description('Client application IDs allowed to call the API; empty accepts any application of the tenant that obtains a token for the audience.')
param authAllowedClientApplications string[]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Every setting the app reads (src/Functions/Configuration/SettingNames.cs, with ':' written as '__'), plus the
// platform's own. tests/Infra.Tests compares the two lists in both directions.
var baseSettings = [
  // Identity-based host storage: no connection string and no account key anywhere.
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: storage.properties.primaryEndpoints.blob
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: storage.properties.primaryEndpoints.queue
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: storage.properties.primaryEndpoints.table
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  // The connection string only locates the ingestion endpoint; with local auth disabled, the identity's
  // Entra token is what authorizes telemetry.
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
  {
    name: 'MedLedger__KeyVaultUri'
    value: keyVaultUri
  }
  {
    name: 'MedLedger__WrappingKeyName'
    value: wrappingKeyName
  }
  {
    name: 'MedLedger__SigningKeyName'
    value: signingKeyName
  }
  {
    name: 'MedLedger__LogOrigin'
    value: logOrigin
  }
  {
    name: 'MedLedger__LogCount'
    value: string(logCount)
  }
  {
    name: 'MedLedger__PseudonymSecret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${pseudonymSecretName}/)'
  }
  {
    name: 'MedLedger__MaxRequestBodyBytes'
    value: string(maxRequestBodyBytes)
  }
  // Pinned off: in Azure the caller's identity comes only from Easy Auth, never from a simulated header.
  {
    name: 'MedLedger__DevelopmentMode'
    value: 'false'
  }
]

var insurerIdSettings = [for (entry, i) in insurers: {
  name: 'MedLedger__Insurers__${i}__Id'
  value: entry.id
}]

var insurerSecretSettings = [for (entry, i) in insurers: {
  name: 'MedLedger__Insurers__${i}__Secret'
  value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${entry.secretName}/)'
}]

var insurerPreviousSecretCandidates = [for (entry, i) in insurers: {
  name: 'MedLedger__Insurers__${i}__PreviousSecret'
  value: empty(entry.?previousSecretName ?? '') ? '' : '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${entry.?previousSecretName}/)'
}]

var appSettings = concat(baseSettings, insurerIdSettings, insurerSecretSettings, filter(insurerPreviousSecretCandidates, setting => !empty(setting.value)))

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// No publishing with user names and passwords (FTP or the SCM site): deployments authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// Easy Auth: Entra ID tokens are validated before a request reaches the app, which then trusts the
// X-MS-CLIENT-PRINCIPAL header (shared/design.md section 4). Two routes stay open: the insurer webhook,
// authenticated by its HMAC signature instead, and the health probe.
resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/api/claims/verify'
        '/api/health'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: authAllowedAudiences
          defaultAuthorizationPolicy: empty(authAllowedClientApplications) ? null : {
            allowedApplications: authAllowedClientApplications
          }
        }
      }
    }
    login: {
      // Tokens are validated per request and never stored server-side.
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
  }
}

output appName string = app.name
output defaultHostName string = app.properties.defaultHostName
output principalId string = app.identity.principalId
