# The Cognito side of the Beyond Identity integration as Terraform (hashicorp/aws): the same pool, domain,
# identity provider and app client as ../../clean/describe-*.json. `terraform-output.json` beside it is
# `terraform output -json` after apply: the ids Cognito assigned, which spa.toml uses.

variable "beyond_identity_client_secret" {
  type      = string
  sensitive = true
}

locals {
  # Beyond Identity > Apps > AWS Cognito: the application's issuer.
  bi_issuer = "https://auth-us.beyondidentity.com/v1/tenants/00012d9a8c1f7e53/realms/4f0e1b2c3d5a6978/applications/7c3e9a51-2b4d-4f6e-8a1c-0d9e8f7a6b5c"
  app       = "http://localhost:3000"
}

resource "aws_cognito_user_pool" "main" {
  name                     = "bi-passwordless"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OPTIONAL"

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
  }

  software_token_mfa_configuration {
    enabled = true
  }
}

resource "aws_cognito_user_pool_domain" "main" {
  domain       = "bi-passwordless-demo"
  user_pool_id = aws_cognito_user_pool.main.id
}

resource "aws_cognito_identity_provider" "beyond_identity" {
  user_pool_id  = aws_cognito_user_pool.main.id
  provider_name = "BeyondIdentity"
  provider_type = "OIDC"

  provider_details = {
    client_id                 = "vQ3kZx8RmT1wLp6NcYb0sJ4e"
    client_secret             = var.beyond_identity_client_secret
    authorize_scopes          = "openid email"
    attributes_request_method = "GET"
    oidc_issuer               = local.bi_issuer
  }

  attribute_mapping = {
    email          = "email"
    email_verified = "email_verified"
    username       = "sub"
  }
}

resource "aws_cognito_user_pool_client" "spa" {
  name                                 = "bi-demo-spa"
  user_pool_id                         = aws_cognito_user_pool.main.id
  generate_secret                      = false
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH"]
  supported_identity_providers         = [aws_cognito_identity_provider.beyond_identity.provider_name]
  callback_urls                        = [local.app]
  logout_urls                          = [local.app]
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email"]
  allowed_oauth_flows_user_pool_client = true
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = 60
  id_token_validity                    = 60
  refresh_token_validity               = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 10
  }
}

output "user_pool_id" {
  value = aws_cognito_user_pool.main.id
}

output "spa_client_id" {
  value = aws_cognito_user_pool_client.spa.id
}
