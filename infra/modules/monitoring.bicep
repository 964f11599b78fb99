// Log Analytics and workspace-based Application Insights. Both refuse key-based access: telemetry is
// ingested only with an Entra token (the app's identity holds Monitoring Metrics Publisher, see rbac.bicep).

@description('Azure region.')
@minLength(1)
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the Log Analytics workspace.')
@minLength(4)
@maxLength(63)
param workspaceName string

@description('Name of the Application Insights component.')
@minLength(1)
@maxLength(260)
param appInsightsName string

@description('How long logs are kept, in days.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Entra-authenticated ingestion only: the instrumentation key alone cannot send telemetry.
    DisableLocalAuth: true
    // Client IP addresses are personal data: keep them masked.
    DisableIpMasking: false
  }
}

output workspaceId string = workspace.id
output appInsightsName string = appInsights.name
