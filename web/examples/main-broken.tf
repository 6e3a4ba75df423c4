# The same configuration with a reserved word in the domain, a wildcard callback, an undefined custom scope,
# email without openid, and a Google provider Terraform will diff on every plan.
variable "env" {
  default = "prod"
}

resource "aws_cognito_user_pool" "pool" {
  name = "shop-${var.env}"
}

resource "aws_cognito_user_pool_domain" "domain" {
  user_pool_id = aws_cognito_user_pool.pool.id
  domain       = "shop-cognito-login"
}

resource "aws_cognito_resource_server" "api" {
  user_pool_id = aws_cognito_user_pool.pool.id
  identifier   = "https://api.shop.example.com"
  name         = "shop-api"

  scope {
    scope_name        = "orders.read"
    scope_description = "Read orders"
  }
}

resource "aws_cognito_identity_provider" "google" {
  user_pool_id  = aws_cognito_user_pool.pool.id
  provider_name = "Google"
  provider_type = "Google"
  provider_details = {
    client_id        = "1234567890.apps.googleusercontent.com"
    client_secret    = "placeholder"
    authorize_scopes = "openid email"
  }
  attribute_mapping = {
    email          = "email"
    email_verified = "email_verified"
    username       = "sub"
  }
}

resource "aws_cognito_user_pool_client" "spa" {
  user_pool_id                         = aws_cognito_user_pool.pool.id
  name                                 = "shop-spa"
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["email", "https://api.shop.example.com/orders.write"]
  callback_urls                        = ["https://*.shop.example.com/callback"]
  logout_urls                          = ["https://shop.example.com/"]
  supported_identity_providers         = ["COGNITO", aws_cognito_identity_provider.google.provider_name]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 10
  }
}
