import subprocess

name = input().strip()
subprocess.run(["echo", f"Hello, {name}"], check=False)
