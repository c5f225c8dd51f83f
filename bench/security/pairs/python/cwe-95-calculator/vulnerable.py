expr = input().strip()
try:
    print(eval(expr))
except Exception:
    print("error")
