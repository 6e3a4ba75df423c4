# The upstream persona's client secret: a test value, for Local Cognito only.
upstream_client_secret = "upstream-client-secret"
