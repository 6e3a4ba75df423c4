# The Cognito side of the FusionAuth integration as Terraform (hashicorp/aws): the pool, its prefix domain and
# the confidential app client FusionClient of ../../clean/describe-*.json. terraform-output.json is
# `terraform output -json` after apply: the ids Cognito assigned, which FusionAuth is configured with.

resource "aws_cognito_user_pool" "main" {
  name                     = "piedpiper-users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OFF"

  schema {
    name                = "email"
    attribute_data_type = "String"
    mutable             = true
    required            = true
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }
}

resource "aws_cognito_user_pool_domain" "main" {
  domain       = "piedpiper-login"
  user_pool_id = aws_cognito_user_pool.main.id
}

resource "aws_cognito_user_pool_client" "fusionauth" {
  name                                 = "FusionClient"
  user_pool_id                         = aws_cognito_user_pool.main.id
  generate_secret                      = true
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = ["https://auth.piedpiper.com/oauth2/callback"]
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid"]
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
  value = aws_cognito_user_pool.main.id
}

output "fusionauth_client_id" {
  value = aws_cognito_user_pool_client.fusionauth.id
}

# The secret FusionAuth's "Client secret" field takes (`terraform output -raw fusionauth_client_secret`).
output "fusionauth_client_secret" {
  value     = aws_cognito_user_pool_client.fusionauth.client_secret
  sensitive = true
}
