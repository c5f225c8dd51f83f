import hashlib

password = input().strip()
print(hashlib.md5(password.encode()).hexdigest())
