import {
  to = aws_cognito_resource_server.example
  id = "us-west-2_abc123|https://example.com"
}
