# A Terraform configuration: pool, domain, resource server and the SPA's client.
variable "env" {
  default = "prod"
}

resource "aws_cognito_user_pool" "pool" {
  name = "shop-${var.env}"
}

resource "aws_cognito_user_pool_domain" "domain" {
  user_pool_id = aws_cognito_user_pool.pool.id
  domain       = "example-shop-${var.env}"
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

resource "aws_cognito_user_pool_client" "spa" {
  user_pool_id                         = aws_cognito_user_pool.pool.id
  name                                 = "shop-spa"
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = concat(["openid", "email"], aws_cognito_resource_server.api.scope_identifiers)
  callback_urls                        = ["https://shop.example.com/callback"]
  logout_urls                          = ["https://shop.example.com/"]
  supported_identity_providers         = ["COGNITO"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 10
  }
}
