import os

BASE = "/tmp/notes"
name = input().strip()
try:
    with open(os.path.join(BASE, name)) as f:
        print(f.read())
except OSError:
    print("no such note")
