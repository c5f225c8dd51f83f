import random
import string

user = input().strip()
token = "".join(random.choice(string.ascii_letters) for _ in range(32))
print(user, token)
