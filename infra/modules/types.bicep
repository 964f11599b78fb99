// Types shared by main.bicep and the modules.

@export()
@description('An insurer whose signed webhooks (POST /api/claims/verify) are accepted. Only secret NAMES appear here: the secret values live in Key Vault and reach the app as Key Vault references.')
@sealed()
type insurer = {
  @description('The insurer id, as it appears in webhook requests and in ledger entries.')
  @minLength(1)
  @maxLength(64)
  id: string

  @description('Name of the Key Vault secret that holds the current HMAC-SHA256 webhook secret.')
  @minLength(1)
  @maxLength(127)
  secretName: string

  @description('Name of the Key Vault secret that holds the previous webhook secret, accepted while a rotation is under way.')
  @minLength(1)
  @maxLength(127)
  previousSecretName: string?
}
