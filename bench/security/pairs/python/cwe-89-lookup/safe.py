import sqlite3

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE users (name TEXT, score INTEGER)")
db.executemany("INSERT INTO users VALUES (?, ?)", [("ada", 3), ("grace", 5)])
name = input().strip()
rows = db.execute("SELECT score FROM users WHERE name = ?", (name,)).fetchall()
print(rows[0][0] if rows else "unknown")
