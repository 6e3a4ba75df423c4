# Copyright (c) HashiCorp, Inc.
# SPDX-License-Identifier: MPL-2.0

aws_region           = "us-west-2"
rest_api_domain_name = "example.com"
rest_api_name        = "api-gateway-rest-api-openapi-example"
rest_api_path        = "/path1"
