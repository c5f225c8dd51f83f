import pickle

data = input().strip()
try:
    state = pickle.loads(bytes.fromhex(data))
except Exception:
    state = {}
print(len(state))
