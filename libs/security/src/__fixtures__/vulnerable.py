import hashlib
import os
import pickle
import random
import sqlite3
import subprocess

import yaml

password = "hunter2"


def main():
    name = input()
    print(eval(name))
    os.system("echo " + name)
    subprocess.run("ls " + name, shell=True)
    data = pickle.loads(bytes.fromhex(name))
    cfg = yaml.load(name)
    conn = sqlite3.connect(":memory:")
    conn.execute("SELECT * FROM users WHERE name = '%s'" % name)
    token = "".join(random.choice("abcdef0123456789") for _ in range(32))
    digest = hashlib.md5(name.encode()).hexdigest()
    print(data, cfg, token, digest)


main()
