"""Single sign-on with the school's own accounts (Google Workspace, Microsoft Entra ID, any OpenID Connect
provider), through allauth's OpenID Connect provider with one app per school (adapter.py).

An account signs in only when it is the school's (its domain, its Microsoft tenant) and matches an
active membership of that school (services.py); anything else is refused and creates nothing.
"""
