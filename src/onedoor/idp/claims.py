"""The claims of the ID token and userinfo: `sub` (the account), `name`, `id_number` and `acr` = the trust
level as `L2` … `L5`, and `enterprises` = the legal persons the account may act for, each {"uscc", "role"}."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "id_number": "profile",
        "acr": "openid",
        "enterprises": "profile",
    }

    def get_additional_claims(self, request):
        identity = request.user.identity
        return {
            "name": identity.name,
            "id_number": identity.id_number,
            "acr": f"L{identity.level}",
            "enterprises": identity.enterprises,
        }
