import { LANGUAGES } from '@bastion/contracts';
import { Sandbox, SandboxPool } from '@bastion/sandbox';
import Docker from 'dockerode';
import { analyzeWithReport, AnalysisReport } from './analyzers';
import { Finding } from './findings';
import { judgeSandbox } from './testing/judge-sandbox';

jest.setTimeout(300_000);

// bastion_taint.py for real, in a sandbox of the python judge image (scripts/build-images.sh).
// BASTION_ITEST_PYTHON_IMAGE tries another build of that image (a scratch tag) first.
const docker = new Docker();
const workerId = `itest-taint-${process.pid}`;
const runtime = process.env.BASTION_ITEST_RUNTIME ?? 'runc';
const settings = () => {
  const s = judgeSandbox(workerId, 'python', runtime);
  return process.env.BASTION_ITEST_PYTHON_IMAGE ? { ...s, image: process.env.BASTION_ITEST_PYTHON_IMAGE } : s;
};
const FILE = LANGUAGES.python.sourceFile;
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const failing = (fs: Finding[]) => fs.filter((f) => f.severity === 'high' || f.severity === 'critical');
const timings: string[] = [];

let box: Sandbox;

beforeAll(async () => {
  box = await Sandbox.start(docker, settings(), 'python');
});

afterAll(async () => {
  await box?.destroy();
  await SandboxPool.removeLeftovers(docker, workerId);
  console.log(`bastion-taint on ${runtime}:\n  ${timings.join('\n  ')}`);
});

async function taint(source: string, label = ''): Promise<AnalysisReport> {
  await box.writeFile(FILE, source);
  const report = await analyzeWithReport(box, 'python', FILE, { only: ['bastion-taint'] });
  const run = report.runs[0];
  if (label) timings.push(`${label}: ${run.wallMs} ms (cpu ${run.cpuMs})`);
  expect({ run: run.analyzer, ok: run.ok, error: run.error }).toEqual({
    run: 'bastion-taint',
    ok: true,
    error: undefined,
  });
  return report;
}

/** Vulnerable programs: each must give a failing (high/critical) finding of this CWE on this line. */
const VULNERABLE: [string, string, string][] = [
  ['os.system of input', '3:CWE-78', lines('import os', 'name = input()', 'os.system("echo " + name)')],
  [
    'shell=True in a function called with input',
    '4:CWE-78',
    lines(
      'import subprocess',
      '',
      'def run(host):',
      '    return subprocess.check_output("nslookup %s" % host, shell=True)',
      '',
      'print(run(input()))',
    ),
  ],
  [
    'a program named by input',
    '3:CWE-78',
    lines('import subprocess', 'prog = input().split()', 'subprocess.run(prog)'),
  ],
  [
    'exec of formatted stdin',
    '3:CWE-95',
    lines('import sys', 'expr = sys.stdin.readline()', 'exec("result = {}".format(expr))'),
  ],
  [
    'eval of a literal that reads input',
    '2:CWE-95',
    lines('name = input().strip()', 'print(eval("f\'Hello, {name}!\'"))'),
  ],
  [
    'SQL built in an f-string',
    '4:CWE-89',
    lines(
      'import sqlite3',
      'db = sqlite3.connect(":memory:")',
      'user = input()',
      'db.execute(f"SELECT * FROM users WHERE name = \'{user}\'")',
    ),
  ],
  [
    'SQL from an attribute set in __init__',
    '9:CWE-89',
    lines(
      'import sqlite3',
      '',
      'class Repo:',
      '    def __init__(self, name):',
      '        self.name = name',
      '        self.db = sqlite3.connect(":memory:")',
      '',
      '    def find(self):',
      '        return self.db.execute("SELECT * FROM t WHERE n = \'" + self.name + "\'")',
      '',
      'Repo(input()).find()',
    ),
  ],
  [
    'open of a joined path',
    '4:CWE-22',
    lines('import os', 'name = input()', 'BASE = "/srv/files"', 'print(open(os.path.join(BASE, name)).read())'),
  ],
  [
    'a route parameter opened',
    '6:CWE-22',
    lines(
      'from flask import Flask',
      'app = Flask(__name__)',
      '',
      '@app.route("/file/<path>")',
      'def get(path):',
      '    return open(path).read()',
    ),
  ],
  [
    'SSRF',
    '7:CWE-918',
    lines(
      'import requests',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/fetch")',
      'def fetch():',
      '    url = request.args["url"]',
      '    requests.get(url, timeout=5)',
      '    return "ok"',
    ),
  ],
  [
    'open redirect',
    '6:CWE-601',
    lines(
      'from flask import Flask, request, redirect',
      'app = Flask(__name__)',
      '@app.route("/go")',
      'def go():',
      '    nxt = request.args.get("next", "/")',
      '    return redirect(nxt)',
    ),
  ],
  [
    'reflected XSS',
    '6:CWE-79',
    lines(
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/hello")',
      'def hello():',
      '    name = request.args.get("name", "")',
      '    return "<h1>Hello " + name + "</h1>"',
    ),
  ],
  [
    'XXE',
    '4:CWE-611',
    lines('from lxml import etree', 'import sys', 'data = sys.stdin.buffer.read()', 'root = etree.fromstring(data)'),
  ],
  [
    'LDAP filter',
    '5:CWE-90',
    lines(
      'import ldap',
      'conn = ldap.initialize("ldap://localhost")',
      'user = input()',
      'flt = "(uid=%s)" % user',
      'conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)',
    ),
  ],
  [
    'XPath',
    '4:CWE-643',
    lines(
      'from lxml import etree',
      'tree = etree.parse("users.xml")',
      'name = input()',
      'tree.xpath("//u[@n=\'" + name + "\']")',
    ),
  ],
  [
    'pickle of a file',
    '4:CWE-502',
    lines('import pickle', 'def load(path):', '    with open(path, "rb") as f:', '        return pickle.load(f)'),
  ],
  ['yaml.load', '3:CWE-502', lines('import yaml, sys', 'cfg = sys.stdin.read()', 'data = yaml.load(cfg)')],
  [
    'regex from input',
    '4:CWE-1333',
    lines('import re', 'pat = input()', 'text = input()', 'print(re.search(pat, text))'),
  ],
  ['ReDoS', '3:CWE-1333', lines('import re', 's = input()', 'print(re.match(r"^(a+)+$", s))')],
  [
    'hard-coded password',
    '2:CWE-798',
    lines('import pymysql', 'conn = pymysql.connect(host="db", user="app", password="S3cr3t!pw")'),
  ],
  [
    'MD5 of a password',
    '3:CWE-327',
    lines('import hashlib, getpass', 'pw = getpass.getpass()', 'print(hashlib.md5(pw.encode()).hexdigest())'),
  ],
  ['DES', '3:CWE-327', lines('from Crypto.Cipher import DES', 'import os', 'c = DES.new(os.urandom(8), DES.MODE_ECB)')],
  ['mktemp', '2:CWE-377', lines('import tempfile', 'name = tempfile.mktemp()')],
  ['chmod 777', '2:CWE-732', lines('import os', 'os.chmod("out.txt", 0o777)')],
  [
    'verify=False',
    '2:CWE-295',
    lines('import requests', 'requests.get("https://example.com", verify=False, timeout=5)'),
  ],
  ['debug=True', '3:CWE-215', lines('from flask import Flask', 'app = Flask(__name__)', 'app.run(debug=True)')],
  [
    'a token from random',
    '3:CWE-338',
    lines(
      'import random, string',
      'def make_token():',
      '    return "".join(random.choice(string.ascii_letters) for _ in range(20))',
    ),
  ],
  [
    'assert as access control',
    '2:CWE-703',
    lines('def delete(user, item):', '    assert user.is_admin', '    item.delete()'),
  ],
  [
    'input collected in a list',
    '6:CWE-78',
    lines(
      'import os',
      'parts = ["ls"]',
      'for line in open(0):',
      '    parts.append(line.strip())',
      'cmd = " ".join(parts)',
      'os.system(cmd)',
    ),
  ],
  [
    'a global set from input',
    '8:CWE-78',
    lines(
      'import os',
      'CMD = "true"',
      'def setup():',
      '    global CMD',
      '    CMD = input()',
      'def go():',
      '    setup()',
      '    os.system(CMD)',
      'go()',
    ),
  ],
  [
    'input logged as it came',
    '7:CWE-117',
    lines(
      'import logging',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/greet")',
      'def greet():',
      '    who = request.args.get("who", "")',
      '    app.logger.warning("greeting %s", who)',
      '    return "hi"',
    ),
  ],
  [
    'the raw input logged by the handler of its failed conversion',
    '6:CWE-117',
    lines(
      'import logging',
      'try:',
      '    age = input()',
      '    age = int(age)',
      'except ValueError:',
      '    logging.error("not a number: " + age)',
    ),
  ],
  [
    'a session cookie without Secure',
    '6:CWE-614',
    lines(
      'import os',
      'from flask import Flask, make_response',
      'app = Flask(__name__)',
      '@app.route("/in")',
      'def sign_in():',
      '    r = make_response("ok"); r.set_cookie("auth_token", os.urandom(8).hex()); return r',
    ),
  ],
  ['a process id taken as given', '3:CWE-283', lines('import os', 'def end_process(pid):', '    os.kill(pid, 9)')],
  [
    'an index that reaches len()',
    '4:CWE-193',
    lines(
      'def total(prices):',
      '    k = s = 0',
      '    while k <= len(prices):',
      '        s += prices[k]',
      '        k += 1',
      '    return s',
    ),
  ],
  [
    'a loop whose condition nothing changes',
    '3:CWE-835',
    lines('def countdown(n):', '    steps = 0', '    while n > 0:', '        steps += 1', '    return steps'),
  ],
  [
    'a lock made by the function that takes it',
    '3:CWE-667',
    lines(
      'import threading',
      'def add(box):',
      '    guard = threading.Lock()',
      '    with guard:',
      '        box.append(1)',
    ),
  ],
  [
    'a secret compared item by item',
    '3:CWE-385',
    lines(
      'def same_pin(stored_digest, given):',
      '    for i in range(len(given)):',
      '        if stored_digest[i] != given[i]:',
      '            return False',
      '    return True',
    ),
  ],
  [
    'privileges lowered outside finally',
    '5:CWE-269',
    lines(
      'import os',
      'def elevate_privileges(): pass',
      'def drop_privileges(): pass',
      'def make_home(name):',
      '    elevate_privileges()',
      '    os.makedirs("/srv/home/" + os.path.basename(name))',
      '    drop_privileges()',
    ),
  ],
  [
    'None used as a result',
    '5:CWE-690',
    lines(
      'def lookup(table, key):',
      '    if key not in table:',
      '        return None',
      '    return table[key]',
      'print(len(lookup({"a": [1]}, input())))',
    ),
  ],
  [
    'a password over plain FTP',
    '3:CWE-319',
    lines('import ftplib, os', 'f = ftplib.FTP("files.example.org")', 'f.login("alice", os.environ["FTP_PASS"])'),
  ],
  ['a function Python 3 removed', '2:CWE-477', lines('import time', 'print(time.clock())')],
  ['SHA-1 as such', '2:CWE-327', lines('import hashlib', 'print(hashlib.sha1(b"data").hexdigest())')],
  [
    'ssl.wrap_socket without a version',
    '3:CWE-327',
    lines('import ssl, socket', 's = socket.socket()', 'ssl.wrap_socket(s)'),
  ],
  [
    'a random string from the random module',
    '3:CWE-338',
    lines(
      'import random, string',
      'def make_code(n):',
      '    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(n))',
    ),
  ],
  [
    'a conversion error dropped, None returned',
    '4:CWE-390',
    lines('def to_int(text):', '    try:', '        return int(text)', '    except ValueError:', '        pass'),
  ],
  [
    "a caught exception's text sent to the client",
    '9:CWE-209',
    lines(
      'import sqlite3',
      'from flask import Flask',
      'app = Flask(__name__)',
      '@app.route("/count")',
      'def count():',
      '    try:',
      '        return str(sqlite3.connect("app.db").execute("SELECT count(*) FROM t").fetchone()[0])',
      '    except Exception as e:',
      '        return "error: " + str(e), 500',
    ),
  ],
  [
    'a fixed file name in /tmp',
    '2:CWE-377',
    lines('def save(report):', '    with open("/tmp/report.txt", "w") as f:', '        f.write(report)'),
  ],
  ['umask 0', '2:CWE-732', lines('import os', 'os.umask(0)')],
  [
    'a password sent over http://',
    '3:CWE-319',
    lines(
      'import requests',
      'def sign_in(user, password):',
      '    return requests.post("http://api.example.com/login", data={"user": user, "password": password}, timeout=5)',
    ),
  ],
  ['a string compared with is', '2:CWE-595', lines('role = input()', 'print(role is "admin")')],
  [
    'a constant nonce for CTR',
    '3:CWE-1204',
    lines(
      'from Crypto.Cipher import AES',
      'def enc(key, data):',
      '    return AES.new(key, AES.MODE_CTR, nonce=b"12345678").encrypt(data)',
    ),
  ],
  [
    'a log call on current_app.logger',
    '6:CWE-117',
    lines(
      'from flask import Flask, current_app, request',
      'app = Flask(__name__)',
      '@app.route("/find")',
      'def find():',
      '    item = request.args.get("id", "")',
      '    current_app.logger.info("lookup of %s", item)',
      '    return "ok"',
    ),
  ],
  [
    'a password written to the log',
    '5:CWE-532',
    lines(
      'import logging',
      'log = logging.getLogger("auth")',
      'def sign_in(user, pwd):',
      '    ok = user == "root"',
      '    log.debug("sign-in %s/%s", user, pwd)',
      '    return ok',
    ),
  ],
  [
    'HMAC with MD5',
    '3:CWE-327',
    lines('import hashlib, hmac', 'def tag(key, msg):', '    return hmac.new(key, msg, hashlib.md5).hexdigest()'),
  ],
  [
    'DES brought in by a star import',
    '3:CWE-327',
    lines('from Crypto.Cipher import *', 'def seal(key, msg):', '    return DES.new(key, DES.MODE_ECB).encrypt(msg)'),
  ],
  [
    'a password hashed with plain SHA-256',
    '3:CWE-916',
    lines(
      'import hashlib',
      'def digest_password(password, salt):',
      '    return hashlib.sha256((salt + password).encode()).hexdigest()',
    ),
  ],
  [
    'a zero IV of the block size',
    '4:CWE-329',
    lines(
      'from Crypto.Cipher import AES',
      'def seal(key, data):',
      '    iv = b"\\0" * AES.block_size',
      '    return AES.new(key, AES.MODE_CBC, iv).encrypt(data)',
    ),
  ],
  [
    'a fixed AES-GCM nonce',
    '4:CWE-1204',
    lines(
      'from cryptography.hazmat.primitives.ciphers.aead import AESGCM',
      'NONCE = bytes(12)',
      'def seal(key, data):',
      '    return AESGCM(key).encrypt(NONCE, data, None)',
    ),
  ],
  ['a group-writable file', '2:CWE-732', lines('import os', 'os.chmod("shared.db", 0o664)')],
  [
    'a private key left readable by all',
    '5:CWE-732',
    lines(
      'import os',
      'def store_key(pem):',
      '    with open("server.key", "wb") as f:',
      '        f.write(pem)',
      '    os.chmod("server.key", 0o644)',
    ),
  ],
  [
    'chmod 777 in a shell command',
    '2:CWE-732',
    lines('import subprocess', 'subprocess.run("chmod -R 777 /srv/app", shell=True)'),
  ],
  [
    'os.open creating a world-writable file',
    '3:CWE-732',
    lines(
      'import os',
      'from stat import S_IRWXU, S_IRWXO',
      'fd = os.open("out.log", os.O_CREAT | os.O_WRONLY, S_IRWXU | S_IRWXO)',
    ),
  ],
  [
    'is against a value built on the spot',
    '3:CWE-595',
    lines('def is_admin(role):', '    admin = "ad" + "min"', '    return role.lower() is admin'),
  ],
  [
    'an equality test made with is',
    '2:CWE-595',
    lines('def same_account(first, second):', '    return first.number is second.number'),
  ],
  [
    'a host check that is not anchored',
    '6:CWE-20',
    lines(
      'import re',
      'from flask import Flask, request, redirect',
      'app = Flask(__name__)',
      '@app.route("/next")',
      'def go_next():',
      '    if re.search(r"shop\\.example\\.com", request.args["u"]):',
      '        return redirect(request.args["u"])',
      '    return redirect("/")',
    ),
  ],
  [
    'PAM without the account check',
    '5:CWE-285',
    lines(
      'from ctypes import CDLL, c_void_p, byref',
      'pam = CDLL("libpam.so.0")',
      'def check(handle):',
      '    pam.pam_start(b"login", b"alice", None, byref(handle))',
      '    return pam.pam_authenticate(handle, 0) == 0',
    ),
  ],
  [
    'an admin page left out of the login check',
    '13:CWE-306',
    lines(
      'from functools import wraps',
      'from flask import Flask, session, redirect',
      'app = Flask(__name__)',
      'def signed_in(view):',
      '    @wraps(view)',
      '    def inner(*a, **kw):',
      '        if not session.get("uid"):',
      '            return redirect("/login")',
      '        return view(*a, **kw)',
      '    return inner',
      '@app.route("/admin/users")',
      '@app.route("/admin/delete", methods=["POST"])',
      'def delete_user():',
      '    return "deleted"',
      '@app.route("/orders")',
      '@signed_in',
      'def orders():',
      '    return "orders"',
    ),
  ],
  [
    'a generator seeded with two random bytes',
    '4:CWE-339',
    lines(
      'import os, random',
      'def new_key():',
      '    seed = os.urandom(2)',
      '    random.seed(seed)',
      '    return random.getrandbits(128)',
    ),
  ],
  [
    'a database account without a password',
    '2:CWE-521',
    lines('import pymysql', 'db = pymysql.connect(host="db.internal", user="root", password="", database="shop")'),
  ],
  [
    'an LDAP bind without a password',
    '4:CWE-521',
    lines(
      'import ldap',
      'def directory():',
      '    conn = ldap.initialize("ldap://ldap.internal")',
      '    conn.simple_bind_s("cn=admin,dc=example,dc=org")',
      '    return conn',
    ),
  ],
  [
    'a sign-up that takes any password and stores it as typed',
    '10:CWE-256',
    lines(
      'import sqlite3',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'db = sqlite3.connect("users.db")',
      '@app.route("/signup", methods=["POST"])',
      'def signup():',
      '    name = request.form["name"]',
      '    secret_word = request.form["password"]',
      '    pw = secret_word',
      '    db.execute("INSERT INTO users (name, pw) VALUES (?, ?)", (name, request.form["password"]))',
      '    return "welcome"',
    ),
  ],
  [
    'a password rule of four characters',
    '2:CWE-521',
    lines('def acceptable(password):', '    return len(password) >= 4'),
  ],
  [
    'Django settings without password validators',
    '2:CWE-521',
    lines('INSTALLED_APPS = ["django.contrib.auth"]', 'AUTH_PASSWORD_VALIDATORS = []'),
  ],
  [
    'an MD5 password stored',
    '11:CWE-522',
    lines(
      'import hashlib, sqlite3',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'db = sqlite3.connect("users.db")',
      '@app.route("/signup", methods=["POST"])',
      'def signup():',
      '    password = request.form["password"]',
      '    if len(password) < 12:',
      '        return "too short", 400',
      '    digest = hashlib.md5(password.encode()).hexdigest()',
      '    db.execute("INSERT INTO users (name, pw) VALUES (?, ?)", (request.form["name"], digest))',
      '    return "welcome"',
    ),
  ],
  [
    'a password put into a cookie',
    '7:CWE-522',
    lines(
      'from flask import Flask, request, make_response',
      'app = Flask(__name__)',
      '@app.route("/remember", methods=["POST"])',
      'def remember():',
      '    password = request.form["password"]',
      '    resp = make_response("ok")',
      '    resp.set_cookie("pw", password, secure=True, httponly=True)',
      '    return resp',
    ),
  ],
  [
    'a stored password compared as typed',
    '3:CWE-256',
    lines(
      'def sign_in(users, name, password):',
      '    user = users.get(name)',
      '    return user is not None and user.password == password',
    ),
  ],
  [
    'the environment sent to the client',
    '6:CWE-497',
    lines(
      'import os',
      'from flask import Flask, jsonify',
      'app = Flask(__name__)',
      '@app.route("/debug/env")',
      'def env():',
      '    return jsonify(dict(os.environ))',
    ),
  ],
  [
    'input written to an http.server response',
    '6:CWE-79',
    lines(
      'from http.server import BaseHTTPRequestHandler',
      'class Echo(BaseHTTPRequestHandler):',
      '    def do_GET(self):',
      '        self.send_response(200)',
      '        self.end_headers()',
      '        self.wfile.write(self.path.encode())',
    ),
  ],
  [
    'the rejected value logged by the check that refused it',
    '4:CWE-117',
    lines(
      'import logging',
      'qty = input()',
      'if not qty.isdigit():',
      '    logging.warning("not a quantity: " + qty)',
      'else:',
      '    print(int(qty) * 2)',
    ),
  ],
  [
    'a guessable password literal at a connection',
    '2:CWE-798',
    lines('import pymysql', 'db = pymysql.connect(host="db", user="app", password="1111")'),
  ],
];

/** Safe programs: no failing finding. */
const SAFE: [string, string][] = [
  [
    'a judge solution',
    lines(
      'import sys',
      'data = sys.stdin.read().split()',
      'n = int(data[0])',
      'print(sum(int(x) for x in data[1:n + 1]))',
    ),
  ],
  ['a greeting', lines('name = input().strip()', 'print(f"Hello, {name}!")')],
  [
    'an argument list',
    lines('import subprocess', 'name = input().strip()', 'subprocess.run(["echo", name], check=True)'),
  ],
  ['a constant shell command', lines('import os', 'os.system("ls -l")')],
  [
    'placeholders',
    lines(
      'import sqlite3',
      'db = sqlite3.connect(":memory:")',
      'db.execute("CREATE TABLE t (name TEXT)")',
      'name = input()',
      'db.execute("SELECT count(*) FROM t WHERE name = ?", (name,))',
    ),
  ],
  ['a number', lines('import os', 'n = int(input())', 'os.system("sleep %d" % n)')],
  ['shlex.quote', lines('import os, shlex', 'f = input()', 'os.system("cat " + shlex.quote(f))')],
  [
    'a base name',
    lines('import os', 'name = os.path.basename(input())', 'print(open(os.path.join("/srv", name)).read())'),
  ],
  [
    'a checked path',
    lines(
      'import os',
      'BASE = os.path.realpath("/srv")',
      'p = os.path.realpath(os.path.join(BASE, input()))',
      'if os.path.commonpath([BASE, p]) != BASE:',
      '    raise SystemExit("no")',
      'print(open(p).read())',
    ),
  ],
  [
    'an allow-list',
    lines(
      'import subprocess',
      'cmd = input().strip()',
      'if cmd in {"ls", "pwd"}:',
      '    subprocess.run(cmd, shell=True)',
    ),
  ],
  [
    'an escaped response',
    lines(
      'from flask import Flask, request',
      'from markupsafe import escape',
      'app = Flask(__name__)',
      '@app.route("/hi")',
      'def hi():',
      '    return "<p>" + escape(request.args.get("n", "")) + "</p>"',
    ),
  ],
  ['json', lines('import json, sys', 'print(len(json.load(sys.stdin)))')],
  ['yaml.safe_load', lines('import yaml, sys', 'print(yaml.safe_load(sys.stdin.read()))')],
  ['a literal pickle', lines('import pickle', 'print(pickle.loads(b"\\x80\\x04K\\x01."))')],
  ['SHA-256', lines('import hashlib', 'print(hashlib.sha256(input().encode()).hexdigest())')],
  ['secrets', lines('import secrets', 'token = secrets.token_urlsafe(16)')],
  ['random dice', lines('import random', 'print(sum(random.randint(1, 6) for _ in range(int(input()))))')],
  [
    'a password from the environment',
    lines('import os', 'password = os.environ["DB_PASSWORD"]', 'PASSWORD_PROMPT = "Password: "'),
  ],
  ['a shadowed eval', lines('def eval(x):', '    return x', 'print(eval(input()))')],
  ['ast.literal_eval', lines('import ast', 'print(ast.literal_eval(input()))')],
  [
    'input logged with %r, or stripped of line breaks',
    lines(
      'import logging',
      'name = input()',
      'logging.info("user %r", name)',
      'logging.info("user " + name.replace("\\n", " ").replace("\\r", " "))',
      'logging.info("read %d bytes", len(name))',
    ),
  ],
  [
    'a Secure session cookie, and a preference cookie',
    lines(
      'import secrets',
      'from flask import Flask, make_response',
      'app = Flask(__name__)',
      '@app.route("/in")',
      'def sign_in():',
      '    r = make_response("ok")',
      '    r.set_cookie("session", secrets.token_hex(16), secure=True, httponly=True, samesite="Lax")',
      '    r.set_cookie("theme", "dark")',
      '    return r',
    ),
  ],
  [
    'loops that end, a shared lock, a checked None, a signalled child',
    lines(
      'import os, signal, subprocess, threading',
      'LOCK = threading.Lock()',
      'def bsearch(a, x):',
      '    lo, hi = 0, len(a)',
      '    while lo < hi:',
      '        mid = (lo + hi) // 2',
      '        if a[mid] < x:',
      '            lo = mid + 1',
      '        else:',
      '            hi = mid',
      '    return lo',
      'def prefix(a):',
      '    out = [0]',
      '    for i in range(len(a) + 1):',
      '        print(out[i - 1] if i else 0)',
      '    return out',
      'def find(items, key):',
      '    for it in items:',
      '        if it == key:',
      '            return it',
      '    return None',
      'def add(box):',
      '    with LOCK:',
      '        box.append(1)',
      'def stop():',
      '    p = subprocess.Popen(["sleep", "9"])',
      '    os.kill(p.pid, signal.SIGTERM)',
      'r = find([1, 2], int(input()))',
      'if r is not None:',
      '    print(bsearch([1, 2, 3], r), prefix([r]))',
    ),
  ],
  [
    'privileges lowered in finally, a checksum that says so, a seeded shuffle',
    lines(
      'import hashlib, random, string',
      'def raise_privileges(): pass',
      'def lower_privileges(): pass',
      'def work():',
      '    raise_privileges()',
      '    try:',
      '        print("work")',
      '    finally:',
      '        lower_privileges()',
      'print(hashlib.md5(b"x", usedforsecurity=False).hexdigest())',
      'random.seed(7)',
      'print("".join(random.sample(string.ascii_uppercase, 5)))',
    ),
  ],
  [
    'end of input caught, None checked with is, a sentinel returned on purpose',
    lines(
      'def read_int():',
      '    try:',
      '        return int(input())',
      '    except EOFError:',
      '        pass',
      'def parse(tok):',
      '    try:',
      '        return int(tok)',
      '    except ValueError:',
      '        return None',
      'x = read_int()',
      'if x is not None:',
      '    print(parse("3"))',
    ),
  ],
  [
    'a conversion error explained to the client',
    lines(
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/double")',
      'def double():',
      '    try:',
      '        return str(int(request.args["n"]) * 2)',
      '    except ValueError as e:',
      '        return "not a number: %s" % e, 400',
    ),
  ],
  [
    'a /tmp file read, a private umask, credentials over https',
    lines(
      'import os, requests',
      'with open("/tmp/report.txt") as f:',
      '    print(f.read())',
      'os.umask(0o077)',
      'requests.post("https://api.example.com/login", data={"password": os.environ["PW"]}, timeout=5)',
      'requests.get("http://example.com/page", timeout=5)',
    ),
  ],
  [
    'a safe lxml parser',
    lines(
      'from lxml import etree',
      'import sys',
      'parser = etree.XMLParser(resolve_entities=False, no_network=True)',
      'print(etree.fromstring(sys.stdin.buffer.read(), parser).tag)',
    ),
  ],
  [
    'a stand-in password in example connection code, and SQL built from constants',
    lines(
      'import pymysql',
      'def report(table, day):',
      '    conn = pymysql.connect(host="host", user="user", password="password", database="dbname")',
      '    cur = conn.cursor()',
      '    cur.execute("SELECT COUNT(*) FROM sales " + "WHERE day = %s", (day,))',
      '    return cur.fetchone()',
      'print(report(input(), input()))',
    ),
  ],
  [
    'SQLAlchemy with bound values',
    lines(
      'from sqlalchemy import create_engine, text, insert, table, column',
      'engine = create_engine("sqlite://")',
      'people = table("people", column("name"))',
      'name = input()',
      'with engine.begin() as conn:',
      '    conn.execute(text("SELECT * FROM people WHERE name = :n").bindparams(n=name))',
      '    conn.execute(insert(people).values(name=name))',
    ),
  ],
  [
    'a sign-up with a length rule and bcrypt',
    lines(
      'import bcrypt, sqlite3',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      'db = sqlite3.connect("users.db")',
      '@app.route("/signup", methods=["POST"])',
      'def signup():',
      '    password = request.form["password"]',
      '    if len(password) < 12:',
      '        return "too short", 400',
      '    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())',
      '    db.execute("INSERT INTO users (name, pw) VALUES (?, ?)", (request.form["name"], hashed))',
      '    return "welcome"',
    ),
  ],
  [
    'identity checks of None, sentinels, streams and the same object',
    lines(
      'import sys',
      '_MISSING = object()',
      'def pick(d, key, default=_MISSING):',
      '    value = d.get(key, _MISSING)',
      '    if value is _MISSING:',
      '        return default',
      '    out = sys.stdout',
      '    if out is not sys.stderr and value is not None:',
      '        return value',
      'class Node:',
      '    def __eq__(self, other):',
      '        return self is other or (isinstance(other, Node) and self.key == other.key)',
      'print(pick({"a": 1}, input()))',
    ),
  ],
  [
    'an executable script, a private key for its owner, a umask-filtered directory',
    lines(
      'import os',
      'os.chmod("run.sh", 0o755)',
      'os.chmod("server.key", 0o600)',
      'os.makedirs("cache", 0o775, exist_ok=True)',
    ),
  ],
  [
    'a fixed seed for a simulation',
    lines('import random', 'random.seed(12345)', 'print(sum(random.random() for _ in range(int(input()))))'),
  ],
  [
    'a settings page behind a login decorator',
    lines(
      'from flask import Flask',
      'from flask_login import login_required',
      'app = Flask(__name__)',
      '@app.route("/settings")',
      '@login_required',
      'def settings():',
      '    return "settings"',
      '@app.route("/")',
      'def home():',
      '    return "home"',
    ),
  ],
  [
    'an anchored host check and a random IV',
    lines(
      'import os, re',
      'from Crypto.Cipher import AES',
      'url = input()',
      'if re.fullmatch(r"https://shop\\.example\\.com(/.*)?", url):',
      '    print("ok")',
      'def seal(key, data):',
      '    iv = os.urandom(16)',
      '    return iv + AES.new(key, AES.MODE_CBC, iv).encrypt(data)',
    ),
  ],
  [
    'sign-in events logged without the password',
    lines(
      'import logging',
      'def sign_in(user, password):',
      '    logging.info("sign-in for %r (%d characters)", user, len(password))',
      '    return user == "root"',
    ),
  ],
];

describe(`bastion-taint in the python judge image (${runtime})`, () => {
  it.each(VULNERABLE)('finds %s', async (_name, expected, source) => {
    const r = await taint(source);
    expect(failing(r.findings).map((f) => `${f.line}:${f.cwe}`)).toContain(expected);
    const f = failing(r.findings).find((x) => `${x.line}:${x.cwe}` === expected);
    expect(f?.message.length).toBeGreaterThan(20);
    expect(f?.fixHint.length).toBeGreaterThan(20);
  });

  it.each(SAFE)('has no failing finding for %s', async (_name, source) => {
    const r = await taint(source);
    expect(failing(r.findings)).toEqual([]);
  });

  it('names the input and its line in the message', async () => {
    const r = await taint(lines('import os', 'name = input()', 'os.system("echo " + name)'));
    expect(r.findings).toEqual([
      expect.objectContaining({
        tool: 'bastion-taint',
        ruleId: 'bastion-taint.command-injection',
        cwe: 'CWE-78',
        severity: 'critical',
        file: FILE,
        line: 3,
        message: 'Input read on line 2 reaches os.system() here, which runs it through the shell.',
      }),
    ]);
  });

  it('does not call a program it could not parse secure', async () => {
    for (const source of [lines('print "hello"', 'name = raw_input()'), lines('def f(:', '    pass')]) {
      const r = await taint(source);
      expect(r.findings).toEqual([
        expect.objectContaining({ ruleId: 'bastion-taint.unparsable', cwe: 'CWE-710', severity: 'medium' }),
      ]);
    }
    const py2 = await taint(lines('print "hello"'));
    expect(py2.findings[0].message).toMatch(/Python 2/);
  });

  it('survives junk, deep nesting and long chains, always with a report', async () => {
    const sources = [
      '\u0000\u00ff'.repeat(1000) + '(((((((((('.repeat(2000) + '"unterminated',
      `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`,
      lines('x = input()', `y = ${Array(8000).fill('x').join(' + ')}`, 'import os', 'os.system(y)'),
      lines(
        'x = input()',
        ...Array.from({ length: 60 }, (_, i) => `${'    '.repeat(i)}if x:`),
        `${'    '.repeat(60)}import os; os.system(x)`,
      ),
    ];
    for (const [i, source] of sources.entries()) {
      const r = await taint(source, `hostile source ${i}`);
      expect(r.runs[0].wallMs).toBeLessThan(15_000);
      if (i >= 2) expect(failing(r.findings).map((f) => f.cwe)).toContain('CWE-78');
    }
  });

  it('analyses a 200-line program quickly', async () => {
    const body = Array.from({ length: 40 }, (_, i) =>
      [
        `def step${i}(xs, k):`,
        `    out = [x * ${i + 1} for x in xs if x % (k + 1) != 0]`,
        `    total = sum(out) + len(xs)`,
        `    return total if total < 10 ** 9 else step${i}(xs[:-1], k) if xs else 0`,
        '',
      ].join('\n'),
    ).join('\n');
    const source = lines('import sys', body, 'xs = [int(t) for t in sys.stdin.read().split()]', 'print(step0(xs, 3))');
    const r = await taint(source, '200-line program');
    expect(failing(r.findings)).toEqual([]);
    expect(r.runs[0].cpuMs).toBeLessThan(2_000);
  });
});
