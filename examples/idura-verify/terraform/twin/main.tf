# The Cognito side of the Idura Verify integration as Terraform (hashicorp/aws): the same user pool, domain,
# Idura OIDC identity provider and web app client as ../../clean/cognito.yaml. The folder is one
# configuration: variables.tf declares the inputs, terraform.tfvars sets them.

resource "aws_cognito_user_pool" "main" {
  name = "idura-samples"

  schema {
    name                = "email"
    attribute_data_type = "String"
    mutable             = true
    required            = true
  }

  schema {
    name                = "name"
    attribute_data_type = "String"
    mutable             = true
    required            = false
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }
}

resource "aws_cognito_user_pool_domain" "main" {
  domain       = "idura-samples" # https://idura-samples.auth.us-east-1.amazoncognito.com
  user_pool_id = aws_cognito_user_pool.main.id
}

resource "aws_cognito_identity_provider" "idura" {
  user_pool_id  = aws_cognito_user_pool.main.id
  provider_name = "Idura Verify"
  provider_type = "OIDC"

  provider_details = {
    client_id                 = "urn:idura:samples:aws:cognito"
    client_secret             = var.idura_client_secret
    authorize_scopes          = "openid"
    oidc_issuer               = "https://${var.idura_domain}"
  }

  attribute_mapping = {
    name = "name"
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "acme-web"
  user_pool_id                         = aws_cognito_user_pool.main.id
  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "profile"]
  callback_urls                        = ["${var.app_origin}/callback"]
  logout_urls                          = ["${var.app_origin}/"]
  supported_identity_providers         = [aws_cognito_identity_provider.idura.provider_name]
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 10
  }
}
