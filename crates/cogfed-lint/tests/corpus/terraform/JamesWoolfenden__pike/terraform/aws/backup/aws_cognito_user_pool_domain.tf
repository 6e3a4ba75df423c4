resource "aws_cognito_user_pool_domain" "pike" {
  domain       = "pike"
  user_pool_id = "eu-west-2_vC5Ib0JRX"
}
