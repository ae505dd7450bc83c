"""A small OpenID Connect provider standing in for the provincial identity provider (省统一身份认证平台) in
the demo and the tests: django-oauth-toolkit with OIDC, the authorization-code flow with PKCE required, RS256
ID tokens, and accounts for the demo persons, each with an identity trust level (L2 self-declared … L5
certificate or counter check) given in the `acr` claim. It is its own Django project with its own database
(`python -m onedoor.idp …`, settings `onedoor.idp.settings`); OneDoor only talks to it over HTTP."""
