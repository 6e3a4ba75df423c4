module "cognito" {
  source = "../../"
}
