variable "idura_client_secret" {
  type        = string
  sensitive   = true
  description = "The client secret Idura Verify generated when the OAuth2 code flow was enabled."
}

variable "idura_domain" {
  type        = string
  description = "The Idura domain the application is registered on."
}

variable "app_origin" {
  type    = string
  default = "http://localhost:8080"
}
