idura_domain = "acme-corp.idura.broker"
app_origin   = "https://app.acme-corp.com"
