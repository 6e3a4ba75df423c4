resource "aws_cognito_managed_user_pool_client" "pike" {}
