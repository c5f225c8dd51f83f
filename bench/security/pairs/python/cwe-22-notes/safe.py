import os

BASE = os.path.realpath("/tmp/notes")
name = input().strip()
path = os.path.realpath(os.path.join(BASE, name))
if os.path.commonpath([BASE, path]) != BASE:
    print("no such note")
else:
    try:
        with open(path) as f:
            print(f.read())
    except OSError:
        print("no such note")
