# The Cognito side of the Pomerium integration as Terraform (hashicorp/aws): the pool, its prefix domain and
# the app client `pomerium` of ../../clean/cognito.json, written as a module would be: one client, a callback
# per Pomerium deployment. terraform-output.json is `terraform output -json` after apply.

locals {
  # authenticate_service_url of each Pomerium deployment (docker compose on the corp network, Kubernetes).
  authenticate_urls = {
    corp = "https://authenticate.corp.example.com"
    k8s  = "https://k8s-auth-prod.example.com"
  }
}

resource "aws_cognito_user_pool" "corp" {
  name                     = "corp-users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OPTIONAL"
  user_pool_tier           = "ESSENTIALS"

  schema {
    name                = "email"
    attribute_data_type = "String"
    mutable             = true
    required            = true
  }

  software_token_mfa_configuration {
    enabled = true
  }

  admin_create_user_config {
    allow_admin_create_user_only = true
  }
}

resource "aws_cognito_user_pool_domain" "corp" {
  domain       = "corp-example-sso"
  user_pool_id = aws_cognito_user_pool.corp.id
}

resource "aws_cognito_user_pool_client" "pomerium" {
  name                                 = "pomerium"
  user_pool_id                         = aws_cognito_user_pool.corp.id
  generate_secret                      = true
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = [for url in values(local.authenticate_urls) : "${url}/oauth2/callback"]
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["email", "openid", "profile"]
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
}

output "user_pool_id" {
  value = aws_cognito_user_pool.corp.id
}

output "pomerium_client_id" {
  value = aws_cognito_user_pool_client.pomerium.id
}
