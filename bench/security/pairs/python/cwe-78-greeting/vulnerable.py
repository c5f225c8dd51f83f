import subprocess

name = input().strip()
subprocess.run(f"echo Hello, {name}", shell=True, check=False)
