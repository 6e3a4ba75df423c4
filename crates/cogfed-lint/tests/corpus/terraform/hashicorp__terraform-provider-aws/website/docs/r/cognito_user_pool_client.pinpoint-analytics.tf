resource "aws_cognito_user_pool_client" "test" {
  name         = "pool_client"
  user_pool_id = aws_cognito_user_pool.test.id

  analytics_configuration {
    application_id   = aws_pinpoint_app.test.application_id
    external_id      = "some_id"
    role_arn         = aws_iam_role.test.arn
    user_data_shared = true
  }
}

resource "aws_cognito_user_pool" "test" {
  name = "pool"
}

data "aws_caller_identity" "current" {}

resource "aws_pinpoint_app" "test" {
  name = "pinpoint"
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    effect = "Allow"

    principals {
      type        = "Service"
      identifiers = ["cognito-idp.amazonaws.com"]
    }

    actions = ["sts:AssumeRole"]
  }
}

resource "aws_iam_role" "test" {
  name               = "role"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
}

data "aws_iam_policy_document" "test" {
  statement {
    effect = "Allow"

    actions = [
      "mobiletargeting:UpdateEndpoint",
      "mobiletargeting:PutEvents",
    ]

    resources = ["arn:aws:mobiletargeting:*:${data.aws_caller_identity.current.account_id}:apps/${aws_pinpoint_app.test.application_id}*"]
  }
}

resource "aws_iam_role_policy" "test" {
  name   = "role_policy"
  role   = aws_iam_role.test.id
  policy = data.aws_iam_policy_document.test.json
}
