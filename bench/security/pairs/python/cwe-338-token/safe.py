import secrets

user = input().strip()
token = secrets.token_urlsafe(24)
print(user, token)
