# The Cognito side of the Local Cognito demo (../local-demo.toml) as Terraform: what `terraform apply` would
# create in AWS. `cogfed local --config examples/local-demo-terraform` serves it locally: the ids Cognito would
# assign come from terraform-output.json, the upstream IdP's secret from terraform.tfvars, and what Terraform
# does not describe (the upstream IdP's registration of Cognito, the SPA, Local Cognito's users) from local.toml.

variable "upstream_client_secret" {
  type      = string
  sensitive = true
}

resource "aws_cognito_user_pool" "demo" {
  name = "cogfed-local-demo"

  schema {
    name                = "email"
    attribute_data_type = "String"
    required            = true
    mutable             = true
  }
}

resource "aws_cognito_identity_provider" "upstream" {
  user_pool_id      = aws_cognito_user_pool.demo.id
  provider_name     = "Upstream"
  provider_type     = "OIDC"
  idp_identifiers   = ["upstream.example"]
  attribute_mapping = { email = "email", email_verified = "email_verified", name = "name" }

  provider_details = {
    client_id                 = "cognito-local"
    client_secret             = var.upstream_client_secret
    authorize_scopes          = "openid email profile"
    attributes_request_method = "GET"
    oidc_issuer               = "http://127.0.0.1:9230"
  }
}

resource "aws_cognito_user_pool_client" "spa" {
  name                                 = "cogfed demo SPA"
  user_pool_id                         = aws_cognito_user_pool.demo.id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  callback_urls                        = ["http://127.0.0.1:8080/callback"]
  logout_urls                          = ["http://127.0.0.1:8080/"]
  supported_identity_providers         = ["COGNITO", aws_cognito_identity_provider.upstream.provider_name]
  enable_token_revocation              = true
  prevent_user_existence_errors        = "ENABLED"

  refresh_token_rotation {
    feature                    = "ENABLED"
    retry_grace_period_seconds = 10
  }
}

output "user_pool_id" {
  value = aws_cognito_user_pool.demo.id
}

output "spa_client_id" {
  value = aws_cognito_user_pool_client.spa.id
}
