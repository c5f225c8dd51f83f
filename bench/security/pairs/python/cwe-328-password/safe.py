import hashlib
import os

password = input().strip()
salt = os.urandom(16)
digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 200_000)
print(salt.hex() + ":" + digest.hex())
