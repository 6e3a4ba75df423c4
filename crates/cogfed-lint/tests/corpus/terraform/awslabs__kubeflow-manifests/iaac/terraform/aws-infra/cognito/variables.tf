variable "cognito_user_pool_name" {
  description = "Cognito UserPool name"
  type        = string
}

variable "aws_route53_zone_id" {
  description = "Route 53 hosted zone"
  type        = string
}
