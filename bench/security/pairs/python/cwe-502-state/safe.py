import json

data = input().strip()
try:
    state = json.loads(data)
except ValueError:
    state = {}
print(len(state) if isinstance(state, (dict, list)) else 0)
