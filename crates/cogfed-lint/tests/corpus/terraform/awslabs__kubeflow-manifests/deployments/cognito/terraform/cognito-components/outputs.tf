output "kubelow_platform_domain" {
    value = module.kubeflow_cognito.kubelow_platform_domain
}