"""Bastion's source-to-sink analyzer for a Python submission (stdlib only: ast, re, json).

Usage: python3 -I -S bastion_taint.py main.py   ->   one JSON document on stdout, exit code 0:

  {"tool": "bastion-taint", "version": 1, "findings": [{"rule", "cwe", "severity", "line", "column",
   "message", "fix"}], "incomplete": null | "why"}

Severity follows the evidence:
- high/critical: untrusted data (input(), sys.stdin, sys.argv, os.environ, a web request, a socket, a
  parameter of a function that nothing in the file calls) reaches the sink through assignments,
  string building, containers, calls and returns within the file; or an API that is unsafe whatever
  the data (pickle.loads of a non-literal, yaml.load without a safe loader, eval/exec of a non-literal,
  verify=False, debug=True, hard-coded secrets, weak ciphers and modes, mktemp, world-writable
  modes, XML parsers that resolve entities, disabled TLS or signature checks, assert-based auth, broken
  hashes (HMAC-MD5 too), fast hashes of passwords, constant or zero IVs and nonces, session cookies without
  Secure, credentials over plain FTP/HTTP, removed stdlib functions, group- or world-writable modes, empty
  database/LDAP passwords, passwords stored as typed or under a fast hash, or put into cookies and logs,
  seeds an attacker can guess...); or a flaw in the shape of the code (structure_checks: a loop whose exit
  nothing reaches, an index that reaches len(), a lock made by the function that takes it, privileges
  lowered outside finally, a secret compared item by item, a None result used unchecked, a conversion error
  dropped, PAM without its account check, a page left out of the app's login check);
- medium: a risky call whose argument is computed but not from input;
- low: a risky call with a constant argument, a note with its fix hint.

A source that does not parse as Python 3 gets one finding (rule `unparsable`, medium) instead: it
was not analysed, so nothing here says it is safe. The analysis is bounded in time and depth; when
it stops early the findings so far are printed with "incomplete" set.
"""

import ast
import builtins
import json
import re
import sys
import threading
import time

try:  # Python 3.11+
    import re._constants as sre_c
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre_c
    import sre_parse

TOOL = "bastion-taint"
VERSION = 1
TIME_BUDGET_S = 4.0
MAX_ROUNDS = 6
MAX_SOURCES = 6
MAX_SOURCE_BYTES = 1 << 20
NOCONST = object()


class Budget(Exception):
    """The analysis ran out of time."""


# ------------------------------------------------------------------------------------ values --


class V:
    """What the analysis knows of a value: the untrusted sources it derives from (src: a frozenset of
    (tier, line, what)), the sink families it was sanitized for (clean), facts (labels: 'password',
    'random', 'upload-file', 'upload-name', 'trace', 'html'...), its constant value when known, and
    its kind (a module, a function, a known object)."""

    __slots__ = ("src", "clean", "labels", "const", "kind")

    def __init__(self, src=frozenset(), clean=frozenset(), labels=frozenset(), const=NOCONST, kind=None):
        self.src = src
        self.clean = clean
        self.labels = labels
        self.const = const
        self.kind = kind

    def taints(self, family):
        return bool(self.src) and family not in self.clean

    def same(self, other):
        return (
            self.src == other.src
            and self.clean == other.clean
            and self.labels == other.labels
            and same_const(self.const, other.const)
            and self.kind == other.kind
        )

    def with_(self, **kw):
        v = V(self.src, self.clean, self.labels, self.const, self.kind)
        for k, x in kw.items():
            setattr(v, k, x)
        return v


EMPTY = V()


def same_const(a, b):
    if a is NOCONST or b is NOCONST:
        return a is b
    try:
        return type(a) is type(b) and a == b
    except Exception:
        return False


def cap_sources(src):
    if len(src) <= MAX_SOURCES:
        return frozenset(src)
    return frozenset(sorted(src, key=lambda s: (TIER_RANK[s[0]], s[1]))[:MAX_SOURCES])


def derive(*vals, labels=frozenset()):
    """A value computed from others: their sources and labels, the families all were cleaned for."""
    vals = [v for v in vals if v is not None]
    src = frozenset().union(*(v.src for v in vals)) if vals else frozenset()
    tainted = [v.clean for v in vals if v.src]
    clean = frozenset.intersection(*tainted) if tainted else frozenset()
    # 'prefix' (the text starts with a constant) holds for a whole expression only where the
    # expression says so (a + b, f-strings, str methods): those add it back
    lab = frozenset().union(*(v.labels for v in vals)) - {"prefix"} | labels
    return V(cap_sources(src), clean, lab)


def join(*vals):
    """Either of several values (branches, call sites)."""
    vals = [v for v in vals if v is not None]
    if not vals:
        return EMPTY
    if len(vals) == 1:
        return vals[0]
    out = derive(*vals)
    if all("prefix" in v.labels for v in vals):
        out.labels = out.labels | {"prefix"}
    first = vals[0]
    if all(same_const(first.const, v.const) for v in vals[1:]):
        out.const = first.const
    if all(v.kind == first.kind for v in vals[1:]):
        out.kind = first.kind
    return out


def const_of(v):
    return v.const if v is not None else NOCONST


def is_const(v):
    return v is not None and v.const is not NOCONST


# Where untrusted data comes from: 'user' (stdin, argv, request, socket), 'env', 'param' (a
# parameter of a function no code in the file calls).
TIER_RANK = {"user": 0, "env": 1, "param": 2}


def src_text(s):
    tier, line, what = s
    if tier == "param":
        return what
    return "%s on line %d" % (what, line)


def best_source(v):
    return sorted(v.src, key=lambda s: (TIER_RANK[s[0]], s[1]))[0]


# ---------------------------------------------------------------------------- name patterns --

AUTH_WORDS = {"auth", "authenticated", "authorized", "authorised", "authorization", "admin", "login", "logged",
              "permission", "permissions", "perm", "perms", "role", "roles", "superuser", "staff", "password",
              "credentials", "csrf", "signature", "privileged"}
PLACEHOLDER = re.compile(r"^(\W*|x+|\*+|\.+|-+|_+|<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|%\(\w+\)s|none|null|todo|tbd|"
                         r"(your|my)?_?(password|secret|token|key|api_?key)_?(here)?|changeit_?here)$", re.I)

# ---------------------------------------------------------------------------- qualified names --

CANON = [
    ("cPickle", "pickle"),
    ("_pickle", "pickle"),
    ("xml.etree.cElementTree", "xml.etree.ElementTree"),
    ("urllib2.urlopen", "urllib.request.urlopen"),
    ("urllib2.Request", "urllib.request.Request"),
    ("urllib.urlopen", "urllib.request.urlopen"),
    ("urllib.urlretrieve", "urllib.request.urlretrieve"),
    ("six.moves.urllib.request", "urllib.request"),
    ("flask.helpers", "flask"),
    ("flask.wrappers", "flask"),
    ("flask.templating", "flask"),
    ("werkzeug.utils.redirect", "flask.redirect"),
    ("werkzeug.utils.send_file", "flask.send_file"),
    ("werkzeug.wrappers.Response", "flask.Response"),
    ("werkzeug.wrappers.response.Response", "flask.Response"),
    ("django.http.response", "django.http"),
    ("django.shortcuts.redirect", "django.http.redirect"),
    ("django.utils.safestring.mark_safe", "django.mark_safe"),
    ("markupsafe.Markup", "flask.Markup"),
    ("jinja2.Markup", "flask.Markup"),
    ("Cryptodome", "Crypto"),
    ("commands.getoutput", "subprocess.getoutput"),
    ("commands.getstatusoutput", "subprocess.getstatusoutput"),
    ("popen2.popen2", "os.popen2"),
    ("io.open", "open"),
    ("codecs.open", "open"),
    ("builtins.", ""),
    ("__builtin__.", ""),
    ("python_jwt", "python_jwt"),
    ("ruamel.yaml", "yaml"),
]


def canon(q):
    for old, new in CANON:
        if q == old or q.startswith(old + ".") or (old.endswith(".") and q.startswith(old)):
            return new + q[len(old):] if not old.endswith(".") else new + q[len(old):]
    return q


REQUEST_ATTRS = {
    "args", "form", "values", "json", "files", "cookies", "headers", "data", "stream", "query_string",
    "GET", "POST", "COOKIES", "FILES", "META", "body", "query_params", "path_params", "path", "full_path",
    "url", "base_url", "url_root", "host", "host_url", "environ", "query", "forms", "params",
    "get_json", "get_data", "getlist", "remote_addr", "referrer", "user_agent", "authorization",
    "content_type", "mimetype", "view_args", "raw_post_data", "REQUEST",
}
REQUEST_METHODS = {"get_argument", "get_arguments", "get_query_argument", "get_body_argument", "get_cookie",
                   "get_secure_cookie"}
REQUEST_NAMES = {"request", "req", "flask.request", "bottle.request", "django.request"}

SHELL_QUALS = {
    "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "subprocess.getoutput",
    "subprocess.getstatusoutput", "platform.popen", "pty.spawn",
}
SUBPROCESS_QUALS = {
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
    "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
}
EXEC_QUALS = {
    "os.execl", "os.execle", "os.execlp", "os.execlpe", "os.execv", "os.execve", "os.execvp", "os.execvpe",
}
SPAWN_QUALS = {
    "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp",
    "os.spawnvpe", "os.posix_spawn", "os.posix_spawnp",
}
PATH_QUALS = {
    "open": (0, "file"), "os.open": (0, "path"), "os.remove": (0, "path"), "os.unlink": (0, "path"),
    "os.rmdir": (0, "path"), "os.removedirs": (0, "name"), "os.mkdir": (0, "path"), "os.makedirs": (0, "name"),
    "os.rename": (0, "src"), "os.renames": (0, "old"), "os.replace": (0, "src"), "os.chmod": (0, "path"),
    "os.chown": (0, "path"), "os.listdir": (0, "path"), "os.scandir": (0, "path"), "os.truncate": (0, "path"),
    "os.symlink": (1, "dst"), "os.link": (1, "dst"), "shutil.copy": (0, "src"), "shutil.copy2": (0, "src"),
    "shutil.copyfile": (0, "src"), "shutil.copytree": (0, "src"), "shutil.move": (0, "src"),
    "shutil.rmtree": (0, "path"), "flask.send_file": (0, "path_or_file"), "django.http.FileResponse": (0, None),
    "shutil.unpack_archive": (0, "filename"), "shelve.open": (0, "filename"), "fileinput.input": (0, "files"),
    "numpy.load": (0, "file"), "pandas.read_csv": (0, "filepath_or_buffer"),
}
PATH_DEST_ARGS = {"os.rename": 1, "os.renames": 1, "os.replace": 1, "shutil.copy": 1, "shutil.copy2": 1,
                  "shutil.copyfile": 1, "shutil.copytree": 1, "shutil.move": 1, "shutil.unpack_archive": 1}
PATH_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rmdir", "mkdir", "touch",
                "open", "rename", "replace", "iterdir", "chmod"}
SSRF_QUALS = {
    "requests.get": 0, "requests.post": 0, "requests.put": 0, "requests.patch": 0, "requests.delete": 0,
    "requests.head": 0, "requests.options": 0, "requests.request": 1, "httpx.get": 0, "httpx.post": 0,
    "httpx.put": 0, "httpx.patch": 0, "httpx.delete": 0, "httpx.head": 0, "httpx.request": 1,
    "httpx.stream": 1, "urllib.request.urlopen": 0, "urllib.request.urlretrieve": 0,
    "http.client.HTTPConnection": 0, "http.client.HTTPSConnection": 0, "httplib.HTTPConnection": 0,
    "httplib.HTTPSConnection": 0, "socket.create_connection": 0, "aiohttp.request": 1, "pycurl.Curl": None,
    "urllib.request.Request": None,
}
HTTP_VERBS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "urlopen", "stream"}
REDIRECT_QUALS = {
    "flask.redirect", "django.http.HttpResponseRedirect", "django.http.HttpResponsePermanentRedirect",
    "django.http.redirect", "bottle.redirect", "fastapi.responses.RedirectResponse",
    "starlette.responses.RedirectResponse", "redirect", "HttpResponseRedirect", "HttpResponsePermanentRedirect",
}
XSS_QUALS = {
    "flask.make_response": 0, "flask.Response": 0, "django.http.HttpResponse": 0, "flask.Markup": 0,
    "django.mark_safe": 0, "make_response": 0, "HttpResponse": 0, "Markup": 0, "mark_safe": 0,
    "django.utils.html.format_html": 0, "fastapi.responses.HTMLResponse": 0, "starlette.responses.HTMLResponse": 0,
    "bottle.template": 0,
}
TEMPLATE_QUALS = {"flask.render_template_string": 0, "jinja2.Template": 0, "render_template_string": 0,
                  "mako.template.Template": 0, "django.template.Template": 0}
SQL_METHODS = {"execute", "executemany", "executescript", "mogrify", "raw", "execute_sql", "exec_driver_sql"}
# SQLAlchemy methods that bind values to a statement (they never become SQL text).
SQL_BIND_METHODS = {"bindparams", "params", "values", "where", "filter", "filter_by", "returning",
                    "on_conflict_do_update", "on_duplicate_key_update"}
SQL_QUALS = {"sqlalchemy.text": 0, "pandas.read_sql": 0, "pandas.read_sql_query": 0,
             "django.db.models.expressions.RawSQL": 0, "RawSQL": 0}
DESER_QUALS = {
    "pickle.loads": 0, "pickle.load": 0, "pickle.Unpickler": 0, "dill.loads": 0, "dill.load": 0,
    "marshal.loads": 0, "marshal.load": 0, "jsonpickle.decode": 0, "jsonpickle.loads": 0, "pandas.read_pickle": 0,
    "joblib.load": 0, "shelve.open": 0, "yaml.unsafe_load": 0, "yaml.unsafe_load_all": 0, "yaml.full_load": 0,
    "yaml.full_load_all": 0, "torch.load": 0, "cloudpickle.loads": 0, "cloudpickle.load": 0,
}
YAML_SAFE_LOADERS = re.compile(r"(^|\.)(C?SafeLoader|C?BaseLoader)$")
LXML_PARSE = {"lxml.etree.fromstring": 0, "lxml.etree.XML": 0, "lxml.etree.parse": 0, "lxml.etree.iterparse": 0,
              "lxml.etree.fromstringlist": 0, "lxml.etree.XMLID": 0, "lxml.objectify.fromstring": 0,
              "lxml.objectify.parse": 0}
STDLIB_XML = {"xml.etree.ElementTree.fromstring": 0, "xml.etree.ElementTree.XML": 0,
              "xml.etree.ElementTree.parse": 0, "xml.etree.ElementTree.iterparse": 0,
              "xml.etree.ElementTree.fromstringlist": 0, "xml.dom.minidom.parse": 0,
              "xml.dom.minidom.parseString": 0, "xml.dom.pulldom.parse": 0, "xml.dom.pulldom.parseString": 0,
              "xml.sax.parse": 0, "xml.sax.parseString": 0, "xml.dom.expatbuilder.parse": 0,
              "xml.dom.expatbuilder.parseString": 0, "xmlrpc.client.loads": 0}
REGEX_FUNCS = {"compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
# File names of keys and credentials.
SECRET_FILE = re.compile(r"(?i)(secret|passw|credential|private|id_rsa|id_ecdsa|id_ed25519|\.pem$|\.key$|\.p12$|"
                         r"\.pfx$|token|shadow|\.ssh/|\.netrc|\.pgpass|keystore|htpasswd)")
# Calls that write a record (a password given to one is stored).
STORE_METHODS = {"create", "insert", "insert_one", "insert_many", "update", "update_one", "update_many", "put_item",
                 "add", "save", "set", "hset", "hmset", "setex", "replace_one", "add_user", "create_account",
                 "save_user", "store"}
# Decorators that sign users in: login_required, jwt_required, permission_required, admin_only, auth.login_required
AUTH_DECORATOR = re.compile(r"(?i)(login|logged|auth|permission|admin|role|staff|superuser|jwt|token|passes_test|"
                            r"signed_in|require)")
# Handlers (by their function name or URL) that act for a signed-in user or an admin, and public ones.
CRITICAL_WORDS = {"admin", "administrator", "administration", "settings", "setting", "config", "configuration",
                  "delete", "remove", "destroy", "drop", "password", "passwd", "account", "profile", "secret",
                  "secrets", "confidential", "private", "dashboard", "manage", "management", "transfer", "payment",
                  "billing", "shutdown", "restart", "promote", "grant", "sudo", "superuser", "internal", "backup",
                  "withdraw", "users", "balance"}
PUBLIC_WORDS = {"login", "logout", "signin", "signup", "sign", "register", "registration", "forgot", "reset", "auth",
                "oauth", "callback", "public", "health", "static", "index", "home", "verify", "confirm", "activate"}
# A receiver that is a logger by its name: log, LOG, logger, app.logger, self._log, audit_logger
LOGGER_NAME = re.compile(r"(?i)(^|[^a-z])log(s|ging)?([^a-z]|$)|logger")
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "critical", "exception", "log", "fatal"}
WEAK_HASHES = {"md5", "sha1", "md4", "md2", "sha", "sha-1", "ripemd160", "md5-sha1"}
WEAK_CIPHERS = {
    "Crypto.Cipher.DES.new": "DES", "Crypto.Cipher.DES3.new": "3DES", "Crypto.Cipher.ARC2.new": "RC2",
    "Crypto.Cipher.ARC4.new": "RC4", "Crypto.Cipher.Blowfish.new": "Blowfish", "Crypto.Cipher.XOR.new": "XOR",
    "Crypto.Cipher.CAST.new": "CAST",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES": "3DES",
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4": "RC4",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish": "Blowfish",
    "cryptography.hazmat.primitives.ciphers.algorithms.IDEA": "IDEA",
    "cryptography.hazmat.primitives.ciphers.algorithms.CAST5": "CAST5",
    "cryptography.hazmat.primitives.ciphers.algorithms.SEED": "SEED",
    "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES": "3DES",
    "cryptography.hazmat.decrepit.ciphers.algorithms.ARC4": "RC4",
    "cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish": "Blowfish",
    "cryptography.hazmat.decrepit.ciphers.algorithms.CAST5": "CAST5",
    "cryptography.hazmat.decrepit.ciphers.algorithms.IDEA": "IDEA",
    "cryptography.hazmat.decrepit.ciphers.algorithms.SEED": "SEED",
    "cryptography.hazmat.decrepit.ciphers.algorithms.RC2": "RC2",
    "pyDes.des": "DES", "pyDes.triple_des": "3DES",
}
# Slow salted password hashes (and encryption): what they return is not the password any more.
PASSWORD_KDFS = {"hashlib.pbkdf2_hmac", "hashlib.scrypt", "bcrypt.hashpw", "bcrypt.kdf", "crypt.crypt",
                 "werkzeug.security.generate_password_hash", "django.contrib.auth.hashers.make_password",
                 "argon2.hash_password", "argon2.low_level.hash_secret", "scrypt.hash"}
PASSWORD_HASHERS = {"hashpw", "generate_password_hash", "make_password", "hash_password", "pbkdf2_hmac", "scrypt",
                    "hash", "encrypt", "derive", "hash_secret", "hash_secret_raw"}
# Hashes fast enough to brute-force a password from its hash (all but the key-derivation functions).
FAST_HASHES = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512",
               "blake2b", "blake2s", "shake_128", "shake_256", "md4", "ripemd160", "sha512_224", "sha512_256", "sm3"}
# Crypto.Hash modules (PyCryptodome, PyCrypto) and the hashlib name of what they compute.
CRYPTO_HASHES = {"MD2": "md2", "MD4": "md4", "MD5": "md5", "SHA": "sha1", "SHA1": "sha1", "SHA224": "sha224",
                 "SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512", "SHA3_256": "sha3_256",
                 "SHA3_512": "sha3_512", "RIPEMD": "ripemd160", "RIPEMD160": "ripemd160", "BLAKE2b": "blake2b",
                 "BLAKE2s": "blake2s"}
IV_MODES = {"CBC", "CFB", "OFB", "CTR", "GCM", "CFB8", "XTS"}
OLD_PROTOCOLS = re.compile(r"(PROTOCOL_SSLv2|PROTOCOL_SSLv3|PROTOCOL_SSLv23|PROTOCOL_TLSv1(_1)?|SSLv2_METHOD|"
                           r"SSLv3_METHOD|SSLv23_METHOD|TLSv1_METHOD|TLSv1_1_METHOD|TLSVersion\.(SSLv3|TLSv1(_1)?))$")
SANITIZE_ALL = {
    "int", "float", "bool", "len", "abs", "round", "complex", "ord", "hash", "id", "isinstance", "issubclass",
    "callable", "range", "math.floor", "math.ceil", "uuid.UUID", "uuid.uuid4", "uuid.uuid1",
    "datetime.date", "decimal.Decimal", "fractions.Fraction", "ipaddress.ip_address",
    "ipaddress.ip_network", "secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes",
    "os.urandom", "time.time", "hmac.compare_digest", "secrets.compare_digest", "os.path.exists",
    "os.path.isfile", "os.path.isdir", "os.path.getsize", "os.path.isabs", "type",
    "flask.jsonify", "jsonify", "flask.url_for", "url_for", "django.urls.reverse", "reverse",
}
SANITIZERS = {
    "shlex.quote": {"command"}, "pipes.quote": {"command"}, "shlex.join": {"command"},
    "html.escape": {"xss", "header"}, "cgi.escape": {"xss"}, "markupsafe.escape": {"xss"}, "flask.escape": {"xss"},
    "escape": {"xss"}, "bleach.clean": {"xss"}, "django.utils.html.escape": {"xss"}, "xml.sax.saxutils.escape": {"xss"},
    "django.utils.html.strip_tags": {"xss"}, "markupsafe.Markup.escape": {"xss"},
    "os.path.basename": {"path", "upload-path"}, "werkzeug.utils.secure_filename": {"path", "upload-path"},
    "secure_filename": {"path", "upload-path"}, "werkzeug.security.safe_join": {"path"},
    "flask.safe_join": {"path"}, "werkzeug.utils.safe_join": {"path"},
    "re.escape": {"regex", "redos", "xpath"},
    "urllib.parse.quote": {"ssrf", "xss", "header", "redirect", "command", "path", "log"},
    "urllib.parse.quote_plus": {"ssrf", "xss", "header", "redirect", "command", "path", "log"},
    "urllib.parse.urlencode": {"ssrf", "header", "redirect"},
    "ast.literal_eval": {"code", "deser", "template", "command", "sql"},
    "json.dumps": {"code", "sql", "command", "ldap", "xpath", "log"}, "repr": {"log"},
    "ldap.filter.escape_filter_chars": {"ldap"}, "ldap.dn.escape_dn_chars": {"ldap"},
    "ldap3.utils.conv.escape_filter_chars": {"ldap"}, "escape_filter_chars": {"ldap"},
    "MySQLdb.escape_string": {"sql"}, "pymysql.converters.escape_string": {"sql"},
    "sqlite3.complete_statement": set(), "psycopg2.extensions.quote_ident": {"sql"},
    "django.utils.http.url_has_allowed_host_and_scheme": {"redirect"},
}
SAFE_METHODS = {
    "startswith", "endswith", "isdigit", "isnumeric", "isalnum", "isalpha", "isdecimal", "isidentifier",
    "islower", "isupper", "isspace", "count", "find", "rfind", "index", "rindex", "bit_length", "__len__",
    "hexdigest", "digest", "exists", "is_file", "is_dir",
}
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "appendleft", "extendleft", "put",
            "push", "__setitem__", "write", "writelines", "set"}
VALIDATOR_NAME = re.compile(r"(?i)(valid|safe|allowed|allow_?list|white_?list|permitted|sanitiz|check|verify|"
                            r"is_|^ok)")
# The string module's alphabets: a random pick from one builds a random text (a token, a password).
STRING_CHARSETS = {"string.ascii_letters", "string.ascii_lowercase", "string.ascii_uppercase", "string.digits",
                   "string.hexdigits", "string.octdigits", "string.printable", "string.punctuation", "string.letters",
                   "string.lowercase", "string.uppercase"}
# Standard-library functions removed from Python 3 (the judge's Python is 3.11): a call to one fails.
REMOVED_FUNCS = {
    "time.clock": ("3.8", "time.perf_counter() or time.process_time()"),
    "cgi.escape": ("3.8", "html.escape()"),
    "platform.linux_distribution": ("3.8", "the distro package, or platform.freedesktop_os_release()"),
    "platform.dist": ("3.8", "platform.freedesktop_os_release()"),
    "base64.encodestring": ("3.9", "base64.encodebytes()"),
    "base64.decodestring": ("3.9", "base64.decodebytes()"),
    "fractions.gcd": ("3.9", "math.gcd()"),
    "plistlib.readPlist": ("3.9", "plistlib.load()"),
    "plistlib.writePlist": ("3.9", "plistlib.dump()"),
    "inspect.getargspec": ("3.11", "inspect.signature() or inspect.getfullargspec()"),
    "binascii.b2a_hqx": ("3.11", "base64 or binascii.b2a_base64()"),
    "binascii.a2b_hqx": ("3.11", "base64 or binascii.a2b_base64()"),
    "os.getcwdu": ("3.0", "os.getcwd()"),
    "os.popen2": ("3.0", "subprocess.Popen with an argument list"),
    "os.popen3": ("3.0", "subprocess.Popen with an argument list"),
    "os.popen4": ("3.0", "subprocess.Popen with an argument list"),
    "string.maketrans": ("3.0", "str.maketrans()"),
    "string.atoi": ("3.0", "int()"),
    "itertools.izip": ("3.0", "zip()"),
    "itertools.imap": ("3.0", "map()"),
    "random.jumpahead": ("3.0", "random.Random with its own seed"),
}
BUILTIN_NAMES = frozenset(dir(builtins))
# What `from m import *` brings in, for modules whose names a program uses unqualified (when a file has
# one star import, any name it does not bind is taken to come from it).
STAR_MEMBERS = {
    "Crypto.Cipher": {"AES", "DES", "DES3", "ARC2", "ARC4", "Blowfish", "CAST", "ChaCha20", "ChaCha20_Poly1305",
                      "Salsa20", "PKCS1_OAEP", "PKCS1_v1_5", "XOR"},
    "Crypto.Hash": {"MD2", "MD4", "MD5", "SHA", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3_256", "HMAC",
                    "RIPEMD", "RIPEMD160", "BLAKE2b", "BLAKE2s"},
    "hashlib": {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "new", "pbkdf2_hmac", "scrypt", "blake2b",
                "blake2s", "sha3_256", "sha3_512"},
    "cryptography.hazmat.primitives.ciphers.algorithms": {"AES", "TripleDES", "ARC4", "Blowfish", "IDEA", "CAST5",
                                                          "SEED", "ChaCha20", "Camellia"},
    "cryptography.hazmat.primitives.ciphers.modes": {"ECB", "CBC", "CFB", "OFB", "CTR", "GCM", "CFB8", "XTS"},
    "cryptography.hazmat.primitives.hashes": {"MD5", "SHA1", "SHA256", "SHA384", "SHA512", "SHA224", "Hash"},
    "os": {"system", "popen", "chmod", "fchmod", "lchmod", "mkdir", "makedirs", "umask", "remove", "unlink",
           "execl", "execv", "execvp", "spawnl", "getenv", "environ", "path", "listdir", "kill"},
    "subprocess": {"run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"},
    "pickle": {"loads", "load", "Unpickler"},
    "flask": {"Flask", "request", "redirect", "make_response", "Response", "render_template_string", "send_file",
              "session", "abort", "jsonify", "current_app", "escape", "Markup", "url_for"},
}
# Exceptions whose text is not about the input: a broad catch, the OS, a database, a remote service.
BROAD_ERRORS = {"Exception", "BaseException", "OSError", "IOError", "EnvironmentError", "Error", "DatabaseError",
                "OperationalError", "ProgrammingError", "IntegrityError", "InterfaceError", "SQLAlchemyError",
                "RequestException", "HTTPError", "URLError", "PermissionError", "RuntimeError"}
# Cookies that identify a session or carry a credential (by the last word of their name).
SESSION_COOKIE_WORDS = {"session", "sessionid", "sid", "sess", "token", "auth", "jwt", "login", "remember", "csrf",
                        "xsrf", "id", "key", "secret", "password", "credentials", "access", "refresh", "user", "uid"}
RANDOM_FUNCS = {"random", "randint", "randrange", "choice", "choices", "sample", "getrandbits", "randbytes",
                "uniform", "shuffle", "triangular", "gauss", "betavariate"}

FAMILIES = {
    "command": ("command-injection", "CWE-78", "runs it through the shell",
                "Do not build shell commands from input: run a fixed program with an argument list "
                "(subprocess.run([...]) without shell=True), or quote each part with shlex.quote()."),
    "program": ("command-injection", "CWE-78", "runs the program it names",
                "Choose the program from a fixed set; never let input name the executable."),
    "code": ("code-injection", "CWE-95", "runs it as Python code",
             "Never evaluate input: parse it (int(), float(), json.loads, ast.literal_eval) or dispatch through "
             "a fixed table of allowed operations."),
    "import": ("code-injection", "CWE-94", "imports the module it names",
               "Import only modules from a fixed allow-list."),
    "template": ("template-injection", "CWE-1336", "renders it as a template",
                 "Render a fixed template and pass input as a variable: "
                 "render_template_string(\"Hello {{ name }}\", name=name)."),
    "sql": ("sql-injection", "CWE-89", "runs SQL built from it",
            "Use placeholders and pass the values apart: cursor.execute(\"SELECT * FROM t WHERE name = %s\", "
            "(name,)); table and column names come from a fixed set."),
    "nosql": ("nosql-injection", "CWE-943", "uses it in a database query expression",
              "Build query expressions from constants and pass input only as bound values "
              "(ExpressionAttributeValues, {\"field\": value} with a checked type)."),
    "path": ("path-traversal", "CWE-22", "uses it as a file path",
             "Reduce input to a file name (os.path.basename, werkzeug secure_filename), or resolve the path "
             "and check it stays inside the intended directory (os.path.realpath + os.path.commonpath)."),
    "file-url": ("path-traversal", "CWE-22", "opens the URL it names, and urlopen() also opens file:// URLs",
                 "Allow only http(s) URLs to hosts on an allow-list before opening them."),
    "ssrf": ("ssrf", "CWE-918", "sends a server-side request to the address built from it",
             "Do not let input choose where the server connects: take the host from an allow-list and "
             "encode input with urllib.parse.quote() into the path or query only."),
    "redirect": ("open-redirect", "CWE-601", "redirects the browser to it",
                 "Redirect only to relative paths or to hosts on an allow-list "
                 "(check urllib.parse.urlparse(url).netloc, or url_has_allowed_host_and_scheme)."),
    "xss": ("xss", "CWE-79", "writes it unescaped into the HTML response",
            "Escape it (markupsafe.escape, html.escape) or render it through an autoescaping template."),
    "xxe": ("xxe", "CWE-611", "parses it as XML with entity resolution",
            "Parse untrusted XML with defusedxml, or lxml with XMLParser(resolve_entities=False, no_network=True)."),
    "xmlbomb": ("xml-entity-expansion", "CWE-776", "parses it as XML, expanding its entities",
                "Parse untrusted XML with defusedxml (defusedxml.ElementTree.fromstring)."),
    "ldap": ("ldap-injection", "CWE-90", "uses it in an LDAP filter or DN",
             "Escape input with ldap.filter.escape_filter_chars() (escape_dn_chars() for DNs)."),
    "xpath": ("xpath-injection", "CWE-643", "uses it in an XPath expression",
              "Pass input as an XPath variable: tree.xpath(\"//user[@id=$id]\", id=value)."),
    "deser": ("unsafe-deserialization", "CWE-502", "deserializes objects from it",
              "Load untrusted data only as plain data (json.loads, yaml.safe_load); never unpickle it."),
    "regex": ("regex-injection", "CWE-1333", "compiles it as a regular expression, whose run time its author "
                                             "then chooses (catastrophic backtracking)",
              "Escape input with re.escape() before putting it in a pattern."),
    "redos": ("redos", "CWE-1333", "matches it against a pattern that can backtrack for a very long time",
              "Rewrite the pattern without nested or adjacent overlapping repetitions, or bound the input length."),
    "log": ("log-injection", "CWE-117", "writes it to the log",
            "Strip \\r and \\n from input before logging it, or log it with %r."),
    "header": ("header-injection", "CWE-113", "puts it into an HTTP response header",
               "Reject or strip \\r and \\n from values put into headers."),
    "format": ("format-string", "CWE-134", "uses it as a str.format template with objects as arguments",
               "Never use input as a format template; format a fixed string with the input as an argument."),
    "upload": ("unrestricted-upload", "CWE-434", "stores the uploaded file under the name the client sent",
               "Check the file type against an allow-list of extensions and store it under a name you make "
               "(secure_filename plus your own directory)."),
    "exposure": ("stack-trace-exposure", "CWE-209", "sends it to the client",
                 "Log the stack trace on the server and send the client a generic error message."),
    "signal": ("unverified-ownership", "CWE-283", "sends a signal to the process it names, with no check that the "
                                                  "process is one the caller owns",
               "Signal only processes this program started (keep their ids, or Popen objects, and look the id up "
               "there), never an id taken as given."),
    "random": ("weak-random-secret", "CWE-338", "",
               "Use the secrets module for anything secret (secrets.token_hex(), secrets.token_urlsafe(), "
               "secrets.choice())."),
}
CRITICAL_FAMILIES = {"command", "program", "code", "sql", "deser"}
# Sinks whose constant use is still worth a low note (the API is risky in itself).
NOTE_FAMILIES = {"command", "code", "deser"}


# ------------------------------------------------------------------------------ regex checks --


def _repeat_ops():
    return {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT} | ({sre_c.POSSESSIVE_REPEAT} if hasattr(sre_c, "POSSESSIVE_REPEAT") else set())


REPEATS = _repeat_ops()
MAXREPEAT = sre_c.MAXREPEAT


def _first_chars(items):
    """A rough set of characters an item sequence can start with ('*' = any)."""
    out = set()
    for op, av in items:
        if op == sre_c.LITERAL:
            out.add(chr(av))
            return out
        if op == sre_c.NOT_LITERAL or op == sre_c.ANY:
            out.add("*")
            return out
        if op == sre_c.IN:
            for iop, iav in av:
                if iop == sre_c.LITERAL:
                    out.add(chr(iav))
                elif iop == sre_c.RANGE:
                    out.update(chr(c) for c in range(iav[0], min(iav[1], iav[0] + 64) + 1))
                elif iop == sre_c.CATEGORY:
                    out.add(str(iav))
                else:
                    out.add("*")
            return out
        if op == sre_c.SUBPATTERN:
            out |= _first_chars(av[-1])
            return out
        if op in REPEATS:
            out |= _first_chars(av[2])
            if av[0] > 0:
                return out
            continue
        if op == sre_c.BRANCH:
            for alt in av[1]:
                out |= _first_chars(alt)
            return out
        if op == sre_c.AT:
            continue
        out.add("*")
        return out
    return out


def _overlap(a, b):
    return bool(a & b) or "*" in a or "*" in b


def _unbounded(av):
    return av[1] == MAXREPEAT or av[1] > 50


def _star_height_problem(items, inside_unbounded=False):
    """Exponential backtracking: an unbounded repetition inside another, whose body can match the
    same text in more than one way (a nested quantifier, or alternatives that overlap)."""
    for op, av in items:
        if op in REPEATS:
            body = av[2]
            if _unbounded(av):
                if inside_unbounded:
                    return True
                if _has_inner_unbounded(body) or _overlapping_branch(body):
                    return True
            if _star_height_problem(body, inside_unbounded or _unbounded(av)):
                return True
        elif op == sre_c.SUBPATTERN:
            if _star_height_problem(av[-1], inside_unbounded):
                return True
        elif op == sre_c.BRANCH:
            for alt in av[1]:
                if _star_height_problem(alt, inside_unbounded):
                    return True
    return False


def _has_inner_unbounded(items):
    for op, av in items:
        if op in REPEATS and _unbounded(av):
            return True
        if op == sre_c.SUBPATTERN and _has_inner_unbounded(av[-1]):
            return True
        if op == sre_c.BRANCH and any(_has_inner_unbounded(a) for a in av[1]):
            return True
    return False


def _overlapping_branch(items):
    for op, av in items:
        if op == sre_c.SUBPATTERN:
            return _overlapping_branch(av[-1])
        if op == sre_c.BRANCH:
            firsts = [_first_chars(a) for a in av[1]]
            for i in range(len(firsts)):
                for j in range(i + 1, len(firsts)):
                    if _overlap(firsts[i], firsts[j]):
                        return True
    return False


def _adjacent_problem(items):
    """Polynomial backtracking: two unbounded repetitions that can match the same characters with only
    optional items between them (\\d+\\d+, \\s*x?\\s*, .*.*)."""
    last = None  # first-chars of the last unbounded repetition still "open"
    for op, av in items:
        if op in REPEATS:
            chars = _first_chars(av[2])
            if _unbounded(av):
                if last is not None and _overlap(last, chars):
                    return True
                last = chars
            elif av[0] == 0:
                continue  # optional: does not close the open repetition
            else:
                last = None
            if _adjacent_problem(av[2]):
                return True
        elif op == sre_c.SUBPATTERN:
            if _adjacent_problem(av[-1]):
                return True
            last = None
        elif op == sre_c.AT:
            continue
        elif op == sre_c.BRANCH:
            if any(_adjacent_problem(a) for a in av[1]):
                return True
            last = None
        else:
            if last is not None and _overlap(last, _first_chars([(op, av)])):
                pass
            last = None
    return False


def regex_backtracking(pattern):
    """'exponential', 'polynomial' or None for a pattern text (None when it does not compile)."""
    if not isinstance(pattern, str) or len(pattern) > 2000:
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:
        return None
    items = list(parsed)
    if _star_height_problem(items):
        return "exponential"
    if _adjacent_problem(items):
        return "polynomial"
    return None


def regex_anchored(pattern, func):
    """Whether a match with this function checks the whole string (so it validates it)."""
    if not isinstance(pattern, str):
        return False
    end = pattern.endswith("$") and not pattern.endswith("\\$") or pattern.endswith("\\Z") or pattern.endswith("\\z")
    if func == "fullmatch":
        return True
    if func == "match":
        return end
    if func == "search":
        return end and (pattern.startswith("^") or pattern.startswith("\\A"))
    return False


HOST_DOT = re.compile(r"(?<!\\)(?<![\[\\])\.(com|org|net|edu|gov|io|co|uk|de|fr|jp|cn|ru|info|biz|dev|app)\b")


def regex_unescaped_host(pattern):
    return isinstance(pattern, str) and bool(re.search(r"[A-Za-z0-9)\]]" + HOST_DOT.pattern, pattern))


def regex_missing_anchor(pattern, func):
    """Why a pattern that matches a host name (example\\.com, ://) does not pin the whole host, or None."""
    if not isinstance(pattern, str) or func not in ("match", "search") or not re.search(
            r"(\\\.|\.)(com|org|net|edu|gov|io|co|uk|de|fr|jp|cn|ru|info|biz|dev|app|example|local|internal)\b|://",
            pattern):
        return None
    start = pattern.startswith(("^", "\\A")) or func == "match"
    rest = pattern.split("://", 1)[-1]
    end = re.search(r"(\$|\\Z|\\z)\)?$", pattern) or "/" in rest or re.search(r":(\\d|\[0-9)", rest)
    if not start:
        return "is not anchored at the start (search finds it anywhere)"
    if not end:
        return "does not say where the host ends"
    return None


def regex_wide_range(pattern):
    """A character class range that spans more than it seems to: A-z (also [\\]^_`), 0-z, a-Z."""
    if not isinstance(pattern, str) or len(pattern) > 2000:
        return None
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:
        return None
    todo = [list(parsed)]
    while todo:
        for op, av in todo.pop():
            if op == sre_c.IN:
                for iop, iav in av:
                    if iop == sre_c.RANGE:
                        lo, hi = chr(iav[0]), chr(iav[1])
                        kinds = [("upper" if c.isupper() else "lower" if c.islower() else "digit" if c.isdigit()
                                  else "other") for c in (lo, hi)] if lo.isascii() and hi.isascii() else ["", ""]
                        if kinds[0] != kinds[1] and "other" not in kinds and "" not in kinds:
                            extra = "".join(chr(c) for c in range(iav[0], iav[1] + 1) if not chr(c).isalnum())
                            return "%s-%s" % (lo, hi), repr(extra[:12])
            elif op in REPEATS:
                todo.append(list(av[2]))
            elif op == sre_c.SUBPATTERN:
                todo.append(list(av[-1]))
            elif op == sre_c.BRANCH:
                todo.extend(list(a) for a in av[1])
    return None


HOSTLIKE = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?/?$", re.I)
URL_WITH_PATH = re.compile(r"^https?://[^/]+/", re.I)


# ---------------------------------------------------------------------------------- helpers --


def looks_secret(name, value, strong_name=True):
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return len(value) >= 8
    if not isinstance(value, str):
        return False
    v = value.strip()
    if not v or len(v) > 300 or any(c.isspace() for c in v):
        return False
    if PLACEHOLDER.match(v) or "://" in v or v.startswith(("/", "./", "../", "~")):
        return False
    norm = re.sub(r"[^a-z0-9]", "", v.lower())
    nname = re.sub(r"[^a-z0-9]", "", (name or "").lower())
    if not norm or norm == nname or (nname and norm in nname) or len(set(norm)) == 1:
        return False
    if re.fullmatch(r"[A-Z][A-Z0-9_]{3,}", v) and "_" in v:
        return False  # the name of a setting or an environment variable, not its value
    if not strong_name:  # a token or key: only a value that looks random (a lexer's token = "END" does not)
        classes = sum(bool(re.search(p, v)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
        return len(v) >= 12 and classes >= 2
    return True


def name_echo(name, value):
    """A value that only repeats what its name says (password="password", passwd="pass"): a stand-in."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return False
    nv = re.sub(r"[^a-z0-9]", "", value.lower())
    nn = re.sub(r"[^a-z0-9]", "", (name or "").lower())
    return bool(nv) and (nv == nn or nv in PASSWORD_WORDS and secret_kind(name) == "password")


FRESH_CALLS = {"int", "float", "str", "bytes", "bytearray", "tuple", "list", "dict", "set", "frozenset", "complex",
               "len", "sum", "abs", "round", "repr", "format", "input", "ord", "chr", "hex", "oct", "bin", "sorted"}
FRESH_METHODS = {"lower", "upper", "strip", "lstrip", "rstrip", "join", "format", "replace", "split", "encode",
                 "decode", "title", "capitalize", "casefold", "copy", "read", "readline", "hexdigest"}


def fresh_value(node):
    """An expression that builds a new value each time (a sum, a slice, str(x), x.lower(), [..]): 'is' against it
    can only be false, or true by an interpreter's caching."""
    if isinstance(node, (ast.BinOp, ast.JoinedStr, ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp,
                         ast.SetComp)):
        return True
    if isinstance(node, ast.Tuple) and node.elts:
        return True
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        return True
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in FRESH_CALLS and node.args:
            return True
        if isinstance(f, ast.Attribute) and f.attr in FRESH_METHODS:
            return True
    return False


def singleton(node):
    """None, True, False, ..., NotImplemented, a sentinel (_MISSING, SENTINEL) or a type: 'is' is right there."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, bool) or node.value is ...):
        return True
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("type", "id", "object"):
        return True
    return bool(name) and (name in ("NotImplemented", "Ellipsis") or name.isupper() or name.startswith("_") or
                           name[:1].isupper() or "sentinel" in name.lower() or name in ("cls", "klass", "self"))


def public_name(name):
    """A handler every visitor may reach: log_in, signup, register_user, forgot_password, index."""
    joined = "".join(name_words(name))
    return any(w in joined for w in ("login", "logout", "signin", "signup", "register", "forgot", "oauth", "callback"))


def credential_name(name):
    """A name for a credential itself: password, db_pwd, api_key, secret, access_token (not token, key_len,
    password_hash)."""
    words = name_words(name)
    if not words:
        return False
    if secret_kind(name) == "password":
        return True
    if set(words) & {"secret", "credential", "credentials", "apikey", "privatekey", "secretkey", "passphrase"} and \
            words[-1] not in ("id", "name", "path", "file", "len", "length", "size", "type", "url", "hash"):
        return True
    return words[-1] in ("token", "key") and len(words) > 1 and words[-2] in (
        "access", "auth", "refresh", "session", "api", "secret", "private", "bearer", "csrf", "signing")


def secret_expr(node):
    """The name of a password or secret an expression shows as it is (password, user.password,
    f"pw={pwd}", "x" + token), not one it only hands to a call (len(password), hash_it(password))."""
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, ast.Call):
            f = n.func.id if isinstance(n.func, ast.Name) else n.func.attr if isinstance(n.func, ast.Attribute) else ""
            if f in ("str", "repr", "format", "join", "encode", "decode", "strip"):
                todo.extend(n.args)
                if isinstance(n.func, ast.Attribute):
                    todo.append(n.func.value)
            continue
        if isinstance(n, (ast.Name, ast.Attribute, ast.Subscript)) and not isinstance(
                getattr(n, "ctx", None), ast.Store):
            name = terminal_name(n)
            if credential_name(name):
                return name
            if isinstance(n, ast.Attribute):
                continue  # request.password_field.x: only the last name counts
            if isinstance(n, ast.Subscript):
                todo.append(n.value)
                continue
        if isinstance(n, (ast.JoinedStr, ast.FormattedValue, ast.BinOp, ast.Tuple, ast.List)):
            todo.extend(ast.iter_child_nodes(n))
        elif isinstance(n, ast.Dict):
            for k, x in zip(n.keys, n.values):
                if isinstance(k, ast.Constant) and isinstance(k.value, str) and credential_name(k.value) and not (
                        isinstance(x, ast.Constant)):
                    return k.value
                todo.append(x)
    return None


def root_name(node):
    """`user` for user.password, user['password'], user.profile.password."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def terminal_name(node):
    """`password` for password, self.password, cfg['password'], obj.get('password')."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        s = node.slice
        if isinstance(s, ast.Constant) and isinstance(s.value, str):
            return s.value
    if isinstance(node, ast.arg):
        return node.arg
    return None


def name_words(name):
    """`dbPassword`, `DB_PASSWORD` -> ['db', 'password']."""
    return [w.lower() for w in re.findall(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[0-9]+", name or "")]


PASSWORD_WORDS = {"password", "passwd", "pwd", "passphrase", "pass", "pw", "passwort", "pword"}
SECRET_WORDS = {"secret", "token", "credential", "credentials", "apikey", "passkey", "privatekey", "secretkey",
                "accesskey", "authtoken"}
KEY_QUALIFIERS = {"secret", "private", "api", "access", "signing", "encryption", "crypto", "aes", "hmac", "jwt",
                  "auth", "master", "session", "app", "client", "django", "flask", "cipher", "fernet"}


def secret_kind(name):
    """'password', 'secret', 'weak-key' (a bare `key`: only a random-looking value counts) or None, by
    the last word of a name: db_password, API_KEY, authToken yes; PASSWORD_PROMPT, token_url no."""
    words = name_words(name)
    if not words:
        return None
    last = words[-1]
    if last in PASSWORD_WORDS:
        return "password"
    if last in SECRET_WORDS:
        return "secret"
    if last == "key":
        return "secret" if len(words) > 1 and words[-2] in KEY_QUALIFIERS else "weak-key"
    return None


CONNECT_CALL = re.compile(r"(?i)(connect|login|logon|auth|Connection|Client|create_engine)\w*\(\)$")

RANDOM_SECRET_WORDS = PASSWORD_WORDS | {"token", "secret", "salt", "nonce", "otp", "iv", "csrf", "sid", "apikey",
                                        "passkey", "pin"}


def random_secret_name(name, anywhere=False):
    """A name for a value that must be unpredictable: reset_token, salt, session_id, api_key (by its
    last word; anywhere in a function's name: generate_token)."""
    words = name_words(name)
    if not words:
        return False
    pool = words if anywhere else words[-1:]
    if set(pool) & RANDOM_SECRET_WORDS or secret_kind(name) in ("password", "secret"):
        return True
    return "session" in words and words[-1] in ("id", "key", "token")


def name_labels(name):
    if not name:
        return frozenset()
    words = set(name_words(name))
    labs = set()
    if words & PASSWORD_WORDS:
        labs.add("password")
    if words & {"secret", "credential", "credentials", "cert", "certificate", "private", "privatekey", "apikey",
                "ssn"} or (secret_kind(name) == "secret" and len(words) > 1):
        labs.add("sensitive")
    return frozenset(labs)


def fixed_value(v):
    """A value the same on every run: a non-empty literal, or a literal repeated or zero bytes of a size
    (b"\\0" * AES.block_size, bytes(16))."""
    if v is None:
        return False
    if is_const(v):
        return isinstance(v.const, (str, bytes, int)) and not isinstance(v.const, bool) and bool(v.const)
    return v.kind == ("fixed",)


def truthy_const(v):
    return is_const(v) and bool(v.const)


def falsy_const(v):
    return is_const(v) and not v.const


def qual_of_kind(v):
    if v is not None and v.kind and v.kind[0] in ("mod", "qual", "name"):
        return v.kind[1]
    return None


def short(node, limit=60):
    try:
        text = ast.unparse(node)
    except Exception:
        return "this call"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fold(op, a, b):
    try:
        if isinstance(op, ast.Add):
            if type(a) is type(b) and isinstance(a, (str, bytes, int, float, tuple)):
                return a + b if len(str(a)) + len(str(b)) < 4096 else NOCONST
        elif isinstance(op, ast.Mult):
            if isinstance(a, (str, bytes)) and isinstance(b, int) and 0 <= b <= 4096 and len(a) * b <= 8192:
                return a * b
            if isinstance(a, int) and isinstance(b, (str, bytes)) and 0 <= a <= 4096 and len(b) * a <= 8192:
                return a * b
            if isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a) < 1e12 and abs(b) < 1e12:
                return a * b
        elif isinstance(op, ast.Mod):
            if isinstance(a, str) and len(a) < 4096:
                r = a % b
                return r if len(r) < 8192 else NOCONST
            if isinstance(a, int) and isinstance(b, int) and b:
                return a % b
        elif isinstance(op, (ast.BitOr, ast.BitAnd, ast.BitXor)) and isinstance(a, int) and isinstance(b, int):
            return {ast.BitOr: a | b, ast.BitAnd: a & b, ast.BitXor: a ^ b}[type(op)]
        elif isinstance(op, ast.Sub) and isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a - b
        elif isinstance(op, ast.FloorDiv) and isinstance(a, int) and isinstance(b, int) and b:
            return a // b
        elif isinstance(op, ast.Pow) and isinstance(a, int) and isinstance(b, int) and 0 <= b <= 64 and abs(a) < 1 << 16:
            return a ** b
        elif isinstance(op, ast.LShift) and isinstance(a, int) and isinstance(b, int) and 0 <= b <= 64:
            return a << b
    except Exception:
        return NOCONST
    return NOCONST


STAT_CONSTS = {
    "S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100, "S_IRWXG": 0o70, "S_IRGRP": 0o40,
    "S_IWGRP": 0o20, "S_IXGRP": 0o10, "S_IRWXO": 0o7, "S_IROTH": 0o4, "S_IWOTH": 0o2, "S_IXOTH": 0o1,
}
STAR_MEMBERS["stat"] = set(STAT_CONSTS)


# ------------------------------------------------------------------------------------ units --


class Unit:
    """A function (or the module) analysed as a whole, with what its callers in the file pass it."""

    def __init__(self, node, parent, cls=None):
        self.node = node
        self.parent = parent
        self.cls = cls
        self.name = getattr(node, "name", "<module>")
        self.params = []
        self.self_name = None
        self.param_vals = {}
        self.entry = {}
        self.ret = EMPTY
        self.env = {}
        self.globals = set()
        self.route = False
        self.called = False
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = node.args
            self.params = [p.arg for p in a.posonlyargs + a.args]
            if a.vararg:
                self.params.append(a.vararg.arg)
            self.params += [p.arg for p in a.kwonlyargs]
            if a.kwarg:
                self.params.append(a.kwarg.arg)
            decos = {short(d, 200) for d in getattr(node, "decorator_list", [])}
            if cls is not None and a.posonlyargs + a.args and "staticmethod" not in decos:
                self.self_name = (a.posonlyargs + a.args)[0].arg

    @property
    def is_module(self):
        return isinstance(self.node, ast.Module)


class Call:
    __slots__ = ("node", "args", "kws", "extra")

    def __init__(self, node, args, kws, extra):
        self.node = node
        self.args = args
        self.kws = kws
        self.extra = extra

    def arg(self, i, *names):
        if i is not None and i < len(self.args):
            return self.args[i]
        for n in names:
            if n in self.kws:
                return self.kws[n]
        return None

    def arg_node(self, i, *names):
        if i is not None and i < len(self.node.args):
            return self.node.args[i]
        for k in self.node.keywords:
            if k.arg in names:
                return k.value
        return None


# --------------------------------------------------------------------------------- analyzer --


class Analyzer:
    def __init__(self, tree, source, deadline):
        self.tree = tree
        self.source = source
        self.deadline = deadline
        self.ticks = 0
        self.findings = {}
        self.report = False
        self.changed = False
        self.units = []
        self.unit_of = {}
        self.classes = {}  # ClassDef node -> {method name: Unit}
        self.attrs = {}  # (ClassDef node, attr) -> V
        self.global_writes = {}
        self.module_alts = {}  # module-level name -> [V] (distinct kinds it was bound to)
        self.module_env = {}
        self.stack = []
        self.loop_depth = 0
        self.imports = set()
        self.call_names = set()
        self.has_verify_peer = False
        self.has_starttls = False
        self.has_verify_jwt = False
        self.too_deep = False
        self.star_modules = []  # modules imported with `from m import *`
        self.seeds = []  # (node, cwe, what, api) of random.seed calls with a guessable seed
        self.identifiers = set()  # every name and attribute name in the file
        self.in_test = 0  # > 0 while the test of an if statement is evaluated
        self.prepass()

    # ------------------------------------------------------------------------------ bookkeeping --

    def tick(self):
        self.ticks += 1
        if self.ticks & 255 == 0 and time.monotonic() > self.deadline:
            raise Budget("time budget")

    def add(self, node, rule, cwe, severity, message, fix):
        line = getattr(node, "lineno", 1) or 1
        col = (getattr(node, "col_offset", 0) or 0) + 1
        if not self.report:
            return
        key = (line, cwe)
        rank = {"low": 0, "medium": 1, "high": 2, "critical": 3}
        old = self.findings.get(key)
        if old is None or rank[severity] > rank[old["severity"]]:
            self.findings[key] = {
                "rule": rule, "cwe": cwe, "severity": severity, "line": line, "column": col,
                "message": message[:600], "fix": fix[:400],
            }

    @property
    def unit(self):
        return self.stack[-1]

    # ---------------------------------------------------------------------------------- prepass --

    def prepass(self):
        module = Unit(self.tree, None)
        self.units.append(module)
        self.unit_of[self.tree] = module

        def visit(node, parent, cls):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    u = Unit(child, parent, cls)
                    self.units.append(u)
                    self.unit_of[child] = u
                    if cls is not None:
                        self.classes.setdefault(cls, {})[child.name] = u
                    u.route = any(self.is_route_decorator(d) for d in child.decorator_list)
                    visit(child, u, None)
                elif isinstance(child, ast.ClassDef):
                    self.classes.setdefault(child, {})
                    visit(child, parent, child)
                elif not isinstance(child, ast.expr):  # no def inside an expression (lambdas aside)
                    visit(child, parent, cls)

        visit(self.tree, module, None)
        # Which functions code in the file calls (by name; calls inside the function itself do not count).
        inside = {}
        for u in self.units[1:]:
            for n in ast.walk(u.node):
                inside.setdefault(id(n), set()).add(u.name)
        referenced = set()
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Name):
                self.identifiers.add(n.id)
            elif isinstance(n, ast.Attribute):
                self.identifiers.add(n.attr)
            if isinstance(n, ast.Call):
                f = n.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if name:
                    self.call_names.add(name)
                    if name not in inside.get(id(n), ()):
                        referenced.add(name)
                for a in list(n.args) + [k.value for k in n.keywords]:
                    if isinstance(a, ast.Name):
                        referenced.add(a.id)  # passed as a callback: its caller is not in the file
            elif isinstance(n, (ast.Import, ast.ImportFrom)):
                mod = getattr(n, "module", None) or ""
                if isinstance(n, ast.ImportFrom) and mod and not n.level and any(a.name == "*" for a in n.names) \
                        and canon(mod) not in self.star_modules:
                    self.star_modules.append(canon(mod))
                for a in n.names:
                    full = (mod + "." + a.name) if mod else a.name
                    self.imports.add(full.split(".")[0])
                    self.imports.add(canon(full))
            elif isinstance(n, ast.Attribute) and n.attr in ("VERIFY_PEER", "VERIFY_FAIL_IF_NO_PEER_CERT"):
                self.has_verify_peer = True
        self.has_starttls = "starttls" in self.call_names
        self.has_verify_jwt = "verify_jwt" in self.call_names
        for u in self.units[1:]:
            u.called = u.name in referenced
        self.html_routes = bool(self.imports & {"flask", "bottle"}) and "fastapi" not in self.imports
        for u in self.units[1:]:
            self.entry_params(u)

    def is_route_decorator(self, d):
        target = d.func if isinstance(d, ast.Call) else d
        if isinstance(target, ast.Attribute):
            return target.attr in ("route", "get", "post", "put", "delete", "patch", "api_route", "websocket")
        return False

    def entry_params(self, u):
        """Untrusted parameters: a route's (URL parts) and those of a function no code in the file calls."""
        if u.name.startswith("__") and u.name.endswith("__"):
            return
        a = u.node.args
        names = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]
        if a.vararg:
            names.append(a.vararg.arg)
        if a.kwarg:
            names.append(a.kwarg.arg)
        if u.self_name and names and names[0] == u.self_name:
            names = names[1:]
        line = u.node.lineno
        for p in names:
            if u.route:
                what = "the URL parameter %r of %s() (line %d)" % (p, u.name, line)
                u.entry[p] = V(frozenset({("user", line, what)}), labels=name_labels(p))
            elif not u.called:
                what = "the parameter %r of %s() (no code in this file calls it, so its callers decide it)" % (
                    p, u.name)
                u.entry[p] = V(frozenset({("param", line, what)}), labels=name_labels(p))

    # ------------------------------------------------------------------------------------ rounds --

    def run(self, hard_deadline):
        """Rounds until what callers pass and functions return stops changing (or half the time is
        gone), then a last round that reports, until the hard deadline."""
        try:
            for _ in range(MAX_ROUNDS):
                self.changed = False
                self.analyze_all()
                if not self.changed or time.monotonic() > self.deadline:
                    break
        except (Budget, RecursionError):
            pass
        self.stack.clear()
        self.loop_depth = 0
        self.deadline = hard_deadline
        self.report = True
        try:
            self.structure_checks()
        except RecursionError:
            self.too_deep = True
        try:
            self.analyze_all()
        finally:
            self.finish()

    def finish(self):
        """Checks that need the whole file's findings: a fixed seed matters when random values are secrets."""
        secret = any(f["rule"] == "weak-random-secret" for f in self.findings.values())
        for node, cwe, what, api in self.seeds:
            self.flag(node, "weak-seed", cwe, "high" if secret else "medium",
                      "%s seeds the random module with %s: %s%s" % (
                          api, what, "whoever knows or guesses the seed knows every value it gives",
                          ", and this program makes secrets from them." if secret else
                          " (fine for a simulation, never for anything secret)."),
                      "Make secrets with the secrets module (secrets.token_bytes(), secrets.randbelow()), which needs "
                      "no seed; seed random only for reproducible simulations.")

    def analyze_all(self):
        for u in self.units:
            self.analyze_unit(u)
            if u.is_module:
                self.module_env = dict(u.env)
                for k, v in self.global_writes.items():
                    self.module_env[k] = join(self.module_env.get(k), v)

    def analyze_unit(self, u):
        env = {}
        if not u.is_module:
            for p in u.params:
                v = join(u.entry.get(p), u.param_vals.get(p)) if (p in u.entry or p in u.param_vals) else V(
                    labels=name_labels(p))
                if p == u.self_name and u.cls is not None:
                    v = V(kind=("inst", u.cls))
                env[p] = v
        u.returns = []
        self.stack.append(u)
        saved_depth = self.loop_depth
        self.loop_depth = 0
        try:
            self.block(u.node.body, env)
        finally:
            self.loop_depth = saved_depth
            self.stack.pop()
        u.env = env
        ret = join(*u.returns) if u.returns else EMPTY
        if not ret.same(u.ret):
            new = join(u.ret, ret) if u.ret is not EMPTY else ret
            if not new.same(u.ret):
                u.ret = new
                self.changed = True

    def feed_param(self, u, name, v):
        old = u.param_vals.get(name)
        new = join(old, v) if old is not None else v
        if old is None or not new.same(old):
            # Only what matters for the analysis (sources, labels) makes another round worth it.
            if old is None or new.src != old.src or new.labels != old.labels or new.clean != old.clean:
                self.changed = True
            u.param_vals[name] = new

    # ----------------------------------------------------------------------------------- lookups --

    def lookup(self, name, env):
        if name in env:
            return env[name]
        u = self.unit
        if u.is_module:
            return None
        p = u.parent
        while p is not None and not p.is_module:
            if name in p.env:
                return p.env[name]
            p = p.parent
        return self.module_env.get(name)

    def unbound(self, name):
        """The qualified name of a name bound nowhere in the file: a builtin, else a name a star import
        brought in (from Crypto.Cipher import * makes DES Crypto.Cipher.DES)."""
        if self.star_modules and name not in BUILTIN_NAMES:
            mods = [m for m in self.star_modules if name in STAR_MEMBERS.get(m, ())]
            if mods or len(self.star_modules) == 1:
                return canon((mods or self.star_modules)[-1] + "." + name)
        return canon(name)

    def lookup_alts(self, name, env):
        """The values a name may have when a call is made: in a function, a module-level name may have
        been bound to several things over the module's run (an import, then a def of the same name)."""
        if name in env or self.unit.is_module:
            v = self.lookup(name, env)
            return [v] if v is not None else []
        v = self.lookup(name, env)
        alts = self.module_alts.get(name)
        if alts and (v is None or v is self.module_env.get(name)):
            return alts
        return [v] if v is not None else []

    def bind(self, name, v, env):
        env[name] = v
        u = self.unit
        if u.is_module:
            alts = self.module_alts.setdefault(name, [])
            if v.kind and v.kind[0] in ("mod", "qual", "func", "class") and not any(a.kind == v.kind for a in alts):
                alts.append(v)
                if len(alts) > 4:
                    del alts[0]
        elif name in u.globals:
            old = self.global_writes.get(name)
            new = join(old, v) if old is not None else v
            if old is None or new.src != old.src:
                self.changed = True
            self.global_writes[name] = new

    # -------------------------------------------------------------------------------- statements --

    def block(self, stmts, env):
        """Runs statements in order over env (changed in place); True when the block always leaves
        early (return, raise, break, continue)."""
        for s in stmts:
            self.tick()
            try:
                if self.stmt(s, env):
                    return True
            except RecursionError:
                self.flat_stmt(s, env)
        return False

    def flat_stmt(self, s, env):
        """A statement nested too deeply to walk recursively: its names' data goes to its targets."""
        self.too_deep = True
        vals = []
        targets = []
        for n in ast.walk(s):
            if isinstance(n, ast.Name):
                if isinstance(n.ctx, ast.Store):
                    targets.append(n.id)
                else:
                    v = self.lookup(n.id, env)
                    if v is not None:
                        vals.append(v)
        v = derive(*vals)
        for t in targets:
            env[t] = join(env.get(t), v) if t in env else v

    def merge_into(self, env, *branches):
        keys = set()
        for b in branches:
            keys |= b.keys()
        out = {}
        for k in keys:
            vals = [b[k] for b in branches if k in b]
            first = vals[0]
            out[k] = first if all(v is first for v in vals) else join(*vals)
        env.clear()
        env.update(out)

    def stmt(self, s, env):
        t = type(s)
        if t is ast.Expr:
            if not (isinstance(s.value, ast.Constant) and isinstance(s.value.value, str)):
                self.ev(s.value, env)
            return False
        if t is ast.Assign:
            v = self.ev(s.value, env)
            for target in s.targets:
                self.assign(target, v, env, s.value)
            return False
        if t is ast.AnnAssign:
            if s.value is not None:
                self.assign(s.target, self.ev(s.value, env), env, s.value)
            return False
        if t is ast.AugAssign:
            cur = self.ev(self.as_load(s.target), env)
            rhs = self.ev(s.value, env)
            v = derive(cur, rhs)
            if is_const(cur) and is_const(rhs):
                v.const = fold(s.op, cur.const, rhs.const)
            if "prefix" in cur.labels:
                v.labels = v.labels | {"prefix"}
            self.assign(s.target, v, env, None)
            return False
        if t is ast.Return:
            v = self.ev(s.value, env) if s.value is not None else EMPTY
            self.unit.returns.append(v)
            self.check_return(s, v)
            return True
        if t is ast.If:
            return self.if_stmt(s, env)
        if t in (ast.For, ast.AsyncFor):
            it = self.ev(s.iter, env)
            elem = self.element(it)
            return self.loop(s, env, lambda e: self.assign(s.target, elem, e, None))
        if t is ast.While:
            self.ev(s.test, env)
            return self.loop(s, env, lambda e: self.ev(s.test, e))
        if t in (ast.With, ast.AsyncWith):
            for item in s.items:
                v = self.ev(item.context_expr, env)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, v, env, item.context_expr)
            return self.block(s.body, env)
        if t is ast.Try or getattr(ast, "TryStar", None) is t:
            # A handler runs after any statement of the body may have raised: what it sees is what
            # the names held before any of them (x = int(x) that raised leaves x as it was).
            snaps = [dict(env)]
            ended = False
            for st in s.body:
                self.tick()
                try:
                    stop = self.stmt(st, env)
                except RecursionError:
                    self.flat_stmt(st, env)
                    stop = False
                snaps.append(dict(env))
                if stop:
                    ended = True
                    break
            start = snaps[0]
            branches = [] if ended else [env]
            for h in s.handlers:
                henv = dict(start)
                self.merge_into(henv, *snaps)
                if h.type is not None:
                    self.ev(h.type, henv)
                if h.name:
                    caught = [] if h.type is None else [short(x, 80).rsplit(".", 1)[-1] for x in (
                        h.type.elts if isinstance(h.type, ast.Tuple) else [h.type])]
                    labs = {"exception"}
                    if not caught or set(caught) & BROAD_ERRORS:
                        labs.add("error-detail")  # its text may hold paths, SQL, data, configuration
                    self.bind(h.name, V(labels=frozenset(labs)), henv)
                if not self.block(h.body, henv):
                    branches.append(henv)
            if not ended and s.orelse:
                self.block(s.orelse, env)
            if branches:
                self.merge_into(env, *branches)
            else:
                self.merge_into(env, start, env)
            ended_all = not branches
            if s.finalbody:
                ended_all = self.block(s.finalbody, env) or ended_all
            return ended_all
        if t in (ast.FunctionDef, ast.AsyncFunctionDef):
            for d in s.decorator_list:
                self.ev(d, env)
            self.check_defaults(s, env)
            self.bind(s.name, V(kind=("func", self.unit_of[s])), env)
            return False
        if t is ast.ClassDef:
            for b in s.bases:
                self.ev(b, env)
            self.class_body(s, env)
            self.bind(s.name, V(kind=("class", s)), env)
            return False
        if t is ast.Import:
            for a in s.names:
                if a.asname:
                    self.bind(a.asname, V(kind=("mod", canon(a.name))), env)
                else:
                    top = a.name.split(".")[0]
                    self.bind(top, V(kind=("mod", canon(top))), env)
            return False
        if t is ast.ImportFrom:
            mod = s.module or ""
            for a in s.names:
                if a.name == "*":
                    continue
                q = canon(mod + "." + a.name) if mod and not s.level else canon(a.name)
                if mod == "stat" and a.name in STAT_CONSTS:
                    self.bind(a.asname or a.name, V(kind=("qual", q), const=STAT_CONSTS[a.name]), env)
                    continue
                self.bind(a.asname or a.name, V(kind=("qual", q)), env)
            return False
        if t in (ast.Global, ast.Nonlocal):
            if t is ast.Global:
                self.unit.globals.update(s.names)
            return False
        if t is ast.Assert:
            self.ev(s.test, env)
            self.check_assert(s)
            return False
        if t is ast.Raise:
            if s.exc is not None:
                self.ev(s.exc, env)
            return True
        if t in (ast.Break, ast.Continue):
            return True
        if t is ast.Delete:
            for target in s.targets:
                if isinstance(target, ast.Name):
                    env.pop(target.id, None)
                else:
                    self.ev(target, env) if not isinstance(target, (ast.Tuple, ast.List)) else None
            return False
        if t is getattr(ast, "Match", None):
            subject = self.ev(s.subject, env)
            branches = []
            for case in s.cases:
                cenv = dict(env)
                for n in ast.walk(case.pattern):
                    name = getattr(n, "name", None)
                    if isinstance(name, str):
                        cenv[name] = derive(subject)
                if case.guard is not None:
                    self.ev(case.guard, cenv)
                if not self.block(case.body, cenv):
                    branches.append(cenv)
            branches.append(dict(env))
            self.merge_into(env, *branches)
            return False
        # Pass, TypeAlias and anything newer: evaluate what expressions it has.
        for child in ast.iter_child_nodes(s):
            if isinstance(child, ast.expr):
                self.ev(child, env)
        return False

    def as_load(self, target):
        if isinstance(target, ast.Name):
            return ast.copy_location(ast.Name(id=target.id, ctx=ast.Load()), target)
        if isinstance(target, ast.Attribute):
            return ast.copy_location(ast.Attribute(value=target.value, attr=target.attr, ctx=ast.Load()), target)
        if isinstance(target, ast.Subscript):
            return ast.copy_location(ast.Subscript(value=target.value, slice=target.slice, ctx=ast.Load()), target)
        return target

    def element(self, it):
        """An item of a container or iterator: what any of its items derives from."""
        return derive(it)

    def loop(self, s, env, bind_target):
        self.loop_depth += 1
        try:
            before = dict(env)
            passes = 2 if self.loop_depth <= 2 else 1
            for _ in range(passes):
                body = dict(env)
                bind_target(body)
                self.block(s.body, body)
                merged = dict(env)
                self.merge_into(merged, env, body)
                if all(k in env and (merged[k] is env[k] or merged[k].same(env[k])) for k in merged):
                    env.clear()
                    env.update(merged)
                    break
                env.clear()
                env.update(merged)
            self.merge_into(env, before, env)
            if s.orelse:
                self.block(s.orelse, env)
        finally:
            self.loop_depth -= 1
        return False

    def if_stmt(self, s, env):
        self.in_test += 1
        try:
            self.ev(s.test, env)
        finally:
            self.in_test -= 1
        guards = self.guards(s.test, env)
        body_env = dict(env)
        else_env = dict(env)
        sanitized = {}
        # `if valid(x):` vouches for x in its body only, `if not valid(x):` in its else branch only (that body
        # handles the invalid value: logs it, reports it); other tests count for both branches.
        only = "body" if isinstance(s.test, ast.Call) else "else" if isinstance(s.test, ast.UnaryOp) and isinstance(
            s.test.op, ast.Not) and isinstance(s.test.operand, ast.Call) else None
        for name, fams in guards.items():
            v = self.lookup(name, env)
            if v is None or not v.src:
                continue
            clean = v.with_(src=frozenset(), clean=frozenset()) if "all" in fams else v.with_(clean=v.clean | fams)
            sanitized[name] = (v, clean)
            if only != "else":
                body_env[name] = clean
            if only != "body":
                else_env[name] = clean
        self.check_toctou(s, env)
        t1 = self.block(s.body, body_env)
        t2 = self.block(s.orelse, else_env)
        if t1 and t2:
            self.merge_into(env, body_env, else_env)
            return True
        if t1:
            env.clear()
            env.update(else_env)
        elif t2:
            env.clear()
            env.update(body_env)
        else:
            kept = [name for name, (_, clean) in sanitized.items()
                    if body_env.get(name) is clean and else_env.get(name) is clean]
            self.merge_into(env, body_env, else_env)
            for name in kept:
                env[name] = sanitized[name][0]  # checked only inside the if: afterwards it is as it was
        return False

    def class_body(self, s, env):
        cenv = {}
        for st in s.body:
            if isinstance(st, (ast.Assign, ast.AnnAssign)) and getattr(st, "value", None) is not None:
                v = self.ev(st.value, env)
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.set_attr(s, target.id, v)
                        self.check_secret_assign(target, v, st)
                        cenv[target.id] = v
            elif isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for d in st.decorator_list:
                    self.ev(d, env)
                self.check_defaults(st, env)
                if st.name in ("__reduce__", "__reduce_ex__"):
                    self.check_reduce(st, env)

    def set_attr(self, cls, attr, v):
        key = (cls, attr)
        old = self.attrs.get(key)
        new = join(old, v) if old is not None else v
        if old is None or new.src != old.src or new.labels != old.labels:
            self.changed = True
        self.attrs[key] = new

    # --------------------------------------------------------------------------------- assignment --

    def assign(self, target, v, env, value_node):
        t = type(target)
        if t is ast.Name:
            self.check_secret_assign(target, v, value_node)
            if value_node is not None and self.unit.is_module and target.id.isupper():
                self.check_settings(target, value_node, v)
            self.check_random_secret(target, target.id, v)
            self.bind(target.id, v, env)
        elif t in (ast.Tuple, ast.List):
            elts = target.elts
            seq = v.kind[1] if v.kind and v.kind[0] == "seq" else None
            if seq is not None and len(seq) == len(elts) and not any(isinstance(e, ast.Starred) for e in elts):
                for e, ev_ in zip(elts, seq):
                    self.assign(e, ev_, env, None)
            else:
                for e in elts:
                    self.assign(e.value if isinstance(e, ast.Starred) else e, derive(v), env, None)
        elif t is ast.Starred:
            self.assign(target.value, derive(v), env, None)
        elif t is ast.Attribute:
            base = self.ev(target.value, env)
            self.check_attr_assign(target, base, v, value_node)
            self.check_secret_assign(target, v, value_node)
            self.check_random_secret(target, target.attr, v)
            if base.kind and base.kind[0] == "inst":
                self.set_attr(base.kind[1], target.attr, v)
            elif isinstance(target.value, ast.Name) and target.value.id in env and (v.src or v.labels):
                old = env[target.value.id]
                env[target.value.id] = old.with_(src=cap_sources(old.src | v.src), labels=old.labels | v.labels)
        elif t is ast.Subscript:
            base = self.ev(target.value, env)
            key = self.ev(target.slice, env)
            self.check_item_assign(target, base, key, v)
            self.check_secret_assign(target, v, value_node)
            if isinstance(target.value, ast.Name):
                name = target.value.id
                old = self.lookup(name, env) or EMPTY
                kind = old.kind
                if kind and kind[0] == "dict" and is_const(key):
                    d = dict(kind[1])
                    d[key.const] = v
                    kind = ("dict", d)
                new = old.with_(src=cap_sources(old.src | v.src), labels=old.labels | v.labels, kind=kind,
                                const=NOCONST)
                if v.src and old.src:
                    new.clean = old.clean & v.clean
                elif v.src:
                    new.clean = v.clean
                self.bind(name, new, env)
            elif isinstance(target.value, ast.Attribute) and (v.src or v.labels):
                owner = self.ev(target.value.value, env)
                if owner.kind and owner.kind[0] == "inst":
                    self.set_attr(owner.kind[1], target.value.attr, derive(base, v))

    # ------------------------------------------------------------------------------- expressions --

    def ev(self, node, env):
        if node is None:
            return EMPTY
        self.tick()
        t = type(node)
        if t is ast.Constant:
            return V(const=node.value)
        if t is ast.Name:
            v = self.lookup(node.id, env)
            if v is None:
                q = self.unbound(node.id)
                if q.startswith("stat.") and q[5:] in STAT_CONSTS:
                    return V(kind=("name", q), const=STAT_CONSTS[q[5:]])
                return V(kind=("name", q))
            labs = name_labels(node.id)
            if labs - v.labels and (v.src or v.kind is None):
                v = v.with_(labels=v.labels | labs)
            return v
        if t is ast.Attribute:
            return self.attribute(node, env)
        if t is ast.Subscript:
            base = self.ev(node.value, env)
            key = self.ev(node.slice, env)
            if base.kind and base.kind[0] == "seq" and is_const(key) and isinstance(key.const, int):
                try:
                    return base.kind[1][key.const]
                except IndexError:
                    pass
            if base.kind and base.kind[0] == "dict" and is_const(key):
                try:
                    hit = base.kind[1].get(key.const)
                except TypeError:
                    hit = None
                if hit is not None:
                    return hit
            if base.kind and base.kind[0] == "obj" and base.kind[1] in ("mongo", "headers", "response"):
                return derive(base).with_(kind=base.kind if base.kind[1] == "mongo" else None)
            labs = name_labels(key.const) if is_const(key) and isinstance(key.const, str) else frozenset()
            v = derive(base, labels=labs)
            if "prefix" in base.labels and isinstance(node.slice, ast.Slice) and node.slice.lower is None:
                v.labels = v.labels | {"prefix"}
            if is_const(base) and is_const(key):
                try:
                    c = base.const[key.const]
                    v.const = c
                except Exception:
                    pass
            return v
        if t is ast.Call:
            return self.call(node, env)
        if t is ast.JoinedStr:
            parts = [self.ev(x, env) for x in node.values]
            v = derive(*parts, labels=frozenset({"text"}))
            if node.values and isinstance(node.values[0], ast.Constant) and node.values[0].value:
                v.labels = v.labels | {"prefix"}
            if all(is_const(p) for p in parts):
                try:
                    v.const = "".join(str(p.const) for p in parts)
                except Exception:
                    pass
            return v
        if t is ast.FormattedValue:
            v = self.ev(node.value, env)
            if node.format_spec is not None:
                self.ev(node.format_spec, env)
            return v
        if t is ast.BinOp:
            left = self.ev(node.left, env)
            right = self.ev(node.right, env)
            v = derive(left, right)
            if is_const(left) and is_const(right):
                v.const = fold(node.op, left.const, right.const)
            if isinstance(node.op, (ast.Add, ast.Mod)) and (isinstance(left.const, str) or "text" in left.labels):
                v.labels = v.labels | {"text"}
            if isinstance(node.op, ast.Add) and ("prefix" in left.labels or (
                    isinstance(left.const, (str, bytes)) and left.const)):
                v.labels = v.labels | {"prefix"}
            if isinstance(node.op, ast.Mod) and isinstance(left.const, str) and not left.const.startswith("%"):
                v.labels = v.labels | {"prefix"}
            if isinstance(node.op, ast.Div) and left.kind == ("obj", "path"):
                v.kind = ("obj", "path")
            if isinstance(node.op, ast.Mult) and (left.kind and left.kind[0] == "seq"):
                v.kind = ("seq", ())
            elif isinstance(node.op, ast.Mult) and not is_const(v) and any(
                    isinstance(a.const, (str, bytes)) and a.const and not b.src
                    for a, b in ((left, right), (right, left))):
                v.kind = ("fixed",)  # b"\0" * AES.block_size: the same bytes on every run
            return v
        if t is ast.BoolOp:
            return join(*[self.ev(x, env) for x in node.values])
        if t is ast.UnaryOp:
            v = self.ev(node.operand, env)
            if isinstance(node.op, ast.Not):
                return EMPTY
            out = derive(v)
            if is_const(v):
                try:
                    out.const = {ast.USub: lambda x: -x, ast.UAdd: lambda x: +x, ast.Invert: lambda x: ~x}[
                        type(node.op)](v.const)
                except Exception:
                    pass
            return out
        if t is ast.Compare:
            vals = [self.ev(node.left, env)] + [self.ev(c, env) for c in node.comparators]
            self.check_compare(node, vals, env)
            return EMPTY
        if t is ast.IfExp:
            self.ev(node.test, env)
            return join(self.ev(node.body, env), self.ev(node.orelse, env))
        if t in (ast.List, ast.Tuple, ast.Set):
            elts = []
            for e in node.elts:
                ev_ = self.ev(e.value if isinstance(e, ast.Starred) else e, env)
                elts.append(derive(ev_) if isinstance(e, ast.Starred) else ev_)
            v = derive(*elts)
            v.kind = ("seq", tuple(elts[:64]))
            if all(is_const(e) for e in elts) and len(elts) <= 64:
                v.const = tuple(e.const for e in elts)
            return v
        if t is ast.Dict:
            items = {}
            vals = []
            for k, x in zip(node.keys, node.values):
                kv = self.ev(k, env) if k is not None else EMPTY
                xv = self.ev(x, env)
                vals += [kv, xv]
                if k is not None and is_const(kv):
                    try:
                        items[kv.const] = xv
                    except TypeError:
                        pass
                    if isinstance(kv.const, str) and secret_kind(kv.const):
                        self.check_secret_value(x, kv.const, xv, strong=secret_kind(kv.const) == "password")
            v = derive(*vals)
            v.kind = ("dict", items)
            return v
        if t in (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp):
            cenv = dict(env)
            iters = []
            for gen in node.generators:
                it = self.ev(gen.iter, cenv)
                iters.append(it)
                self.assign(gen.target, self.element(it), cenv, None)
                for cond in gen.ifs:
                    self.ev(cond, cenv)
            if t is ast.DictComp:
                return derive(self.ev(node.key, cenv), self.ev(node.value, cenv))
            elt = self.ev(node.elt, cenv)
            v = derive(elt)
            v.kind = ("seq", ())
            return v
        if t is ast.Lambda:
            return V(kind=("lambda", node))
        if t is ast.NamedExpr:
            v = self.ev(node.value, env)
            self.assign(node.target, v, env, node.value)
            return v
        if t in (ast.Await, ast.Starred):
            return self.ev(node.value, env)
        if t in (ast.Yield, ast.YieldFrom):
            v = self.ev(node.value, env) if node.value is not None else EMPTY
            self.unit.returns.append(v)
            return EMPTY
        if t is ast.Slice:
            return derive(self.ev(node.lower, env), self.ev(node.upper, env), self.ev(node.step, env))
        vals = [self.ev(c, env) for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)]
        return derive(*vals)

    def attribute(self, node, env):
        base = self.ev(node.value, env)
        attr = node.attr
        q = qual_of_kind(base)
        line = node.lineno
        if q is not None:
            full = canon(q + "." + attr)
            src = self.qual_source(full, line)
            if src is not None:
                return src
            if q in REQUEST_NAMES or q.endswith(".request") and q.split(".")[0] in ("flask", "bottle", "django"):
                if attr in REQUEST_ATTRS:
                    return self.request_value(attr, line)
            v = V(kind=("qual", full))
            if full in STRING_CHARSETS:
                v.labels = frozenset({"charset", "text"})
            if full.startswith("stat.") and attr in STAT_CONSTS:
                v.const = STAT_CONSTS[attr]
            return v
        if base.kind == ("obj", "flask.Flask") and attr == "logger":
            return V(kind=("obj", "logger"))
        if base.kind == ("obj", "response") and attr == "headers":
            return V(kind=("obj", "headers"))
        if base.kind and base.kind[0] == "inst":
            if attr in ("path", "headers", "rfile", "requestline") and any(
                    short(b).endswith("RequestHandler") for b in base.kind[1].bases):
                return self.request_value(attr, line)  # http.server / socketserver handlers
            stored = self.attrs.get((base.kind[1], attr))
            if stored is not None:
                return stored
            return V(labels=name_labels(attr))
        if base.kind and base.kind[0] == "obj" and base.kind[1] in ("mongo", "aws"):
            return base
        if attr in REQUEST_ATTRS and isinstance(node.value, ast.Name) and node.value.id in ("request", "req") and (
                base.src or base.kind is None):
            return self.request_value(attr, line)
        v = derive(base, labels=name_labels(attr))
        if attr == "filename" and "upload-file" in base.labels:
            v.labels = v.labels | {"upload-name"}
        if attr in ("text", "content") and base.kind == ("obj", "http-response"):
            v.labels = v.labels | {"text"}
        return v

    def qual_source(self, q, line):
        if q == "sys.argv":
            return V(frozenset({("user", line, "a command-line argument (sys.argv) read")}), labels=frozenset({"text"}))
        if q in ("sys.stdin", "sys.stdin.buffer"):
            return V(frozenset({("user", line, "standard input read")}), labels=frozenset({"text"}))
        if q in ("os.environ", "os.environb"):
            return V(frozenset({("env", line, "an environment variable read")}), labels=frozenset({"text"}))
        return None

    def request_value(self, attr, line):
        labs = {"text"}
        if attr in ("files", "FILES"):
            labs.add("upload-file")
        return V(frozenset({("user", line, "request data (request.%s) read" % attr)}), labels=frozenset(labs))

    # -------------------------------------------------------------------------------------- calls --

    def call(self, node, env):
        args = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                args.append(derive(self.ev(a.value, env)))
            else:
                args.append(self.ev(a, env))
        kws = {}
        extra = []
        for k in node.keywords:
            v = self.ev(k.value, env)
            if k.arg is None:
                extra.append(derive(v))
            else:
                kws[k.arg] = v
        call = Call(node, args, kws, extra)
        results = []
        for callee in self.callees(node.func, env):
            results.append(self.apply(callee, call, env))
        if not results:
            return derive(*args, *kws.values(), *extra)
        out = join(*results)
        if out.kind is None and any(r.kind == ("obj", "response") for r in results):
            out.kind = ("obj", "response")  # a name bound both to flask's redirect and to a view
        return out

    def callees(self, fn, env):
        if isinstance(fn, ast.Name):
            alts = self.lookup_alts(fn.id, env)
            if not alts:
                return [("qual", self.unbound(fn.id))]
            out = []
            for v in alts:
                out.append(self.callee_of(v))
            return out
        if isinstance(fn, ast.Attribute):
            base = self.ev(fn.value, env)
            q = qual_of_kind(base)
            if q is not None:
                # a name bound nowhere in the file (User.objects, a global of another module): also a method
                unresolved = fn.value if base.kind[0] == "name" or (
                        isinstance(fn.value, ast.Attribute) and q.split(".")[0] not in self.imports) else None
                return [("qual", canon(q + "." + fn.attr), unresolved)]
            return [("method", base, fn.attr, fn.value)]
        return [("value", self.ev(fn, env))]

    def callee_of(self, v):
        k = v.kind
        if k:
            if k[0] in ("mod", "qual", "name"):
                return ("qual", k[1])
            if k[0] == "func":
                return ("user", k[1])
            if k[0] == "class":
                return ("class", k[1])
            if k[0] == "lambda":
                return ("value", v)
        return ("value", v)

    def apply(self, callee, c, env):
        kind = callee[0]
        if kind == "qual":
            return self.qual_call(callee[1], c, env, callee[2] if len(callee) > 2 else None)
        if kind == "user":
            return self.user_call(callee[1], c, None)
        if kind == "class":
            init = self.classes.get(callee[1], {}).get("__init__")
            if init is not None:
                self.user_call(init, c, V(kind=("inst", callee[1])))
            return V(kind=("inst", callee[1]))
        if kind == "method":
            return self.method_call(callee[1], callee[2], callee[3], c, env)
        return derive(callee[1], *c.args, *c.kws.values(), *c.extra)

    def user_call(self, u, c, self_value):
        params = list(u.params)
        a = u.node.args
        positional = [p.arg for p in a.posonlyargs + a.args]
        if self_value is not None and positional:
            positional = positional[1:]
        vararg = a.vararg.arg if a.vararg else None
        kwarg = a.kwarg.arg if a.kwarg else None
        for i, v in enumerate(c.args):
            if i < len(positional):
                self.feed_param(u, positional[i], v)
            elif vararg:
                self.feed_param(u, vararg, derive(v))
        for k, v in c.kws.items():
            if k in params:
                self.feed_param(u, k, v)
            elif kwarg:
                self.feed_param(u, kwarg, derive(v))
        for v in c.extra:
            for p in positional:
                self.feed_param(u, p, v)
        return u.ret

    # ------------------------------------------------------------------------------ module calls --

    def qual_call(self, q, c, env, unresolved=None):
        node, args, kws = c.node, c.args, c.kws
        line = node.lineno
        api = short(node.func, 40) + "()"
        last = q.rsplit(".", 1)[-1]
        # sources
        if q in ("input", "raw_input"):
            return V(frozenset({("user", line, "input read")}), labels=frozenset({"text"}))
        if q == "getpass.getpass":
            return V(frozenset({("user", line, "a password typed in")}), labels=frozenset({"text", "password"}))
        if q.startswith("sys.stdin.") or q == "fileinput.input" and not args or q == "open" and args and (
                same_const(args[0].const, 0) or args[0].const == "/dev/stdin"):
            return V(frozenset({("user", line, "standard input read")}), labels=frozenset({"text"}))
        if q in ("os.getenv", "os.environ.get", "os.getenvb"):
            return V(frozenset({("env", line, "an environment variable read")}), labels=frozenset({"text"}))
        parts = q.split(".")
        if len(parts) >= 2 and (parts[0] in ("request", "req") or q.startswith(("flask.request.", "bottle.request."))):
            attr = parts[1] if parts[0] in ("request", "req") else parts[2] if len(parts) > 2 else ""
            if attr in REQUEST_ATTRS or attr in REQUEST_METHODS:
                if "type" in kws and qual_of_kind(kws["type"]) in ("int", "float", "bool"):
                    return EMPTY
                return self.request_value(attr, line)
        self.check_qual_sinks(q, c, env, api)
        if unresolved is not None and q.split(".")[0] not in self.imports:
            self.check_method_sinks(V(), last, unresolved, c, env, api)
        return self.qual_result(q, last, c, env)

    def qual_result(self, q, last, c, env):
        args, kws = c.args, c.kws
        everything = args + list(kws.values()) + c.extra
        if q in ("os.urandom", "secrets.token_bytes", "secrets.randbits", "random.getrandbits", "random.randbytes") \
                and args and isinstance(args[0].const, int) and args[0].const * (
                1 if last.endswith("bits") else 8) < 64:
            # too few to seed a generator with
            return V(labels=frozenset({"seedbits:%d" % (args[0].const * (1 if last.endswith("bits") else 8))}))
        if q in SANITIZE_ALL:
            return EMPTY
        fams = SANITIZERS.get(q)
        if fams is not None:
            v = derive(*everything)
            if v.src:
                v.clean = v.clean | frozenset(fams)
            if fams & {"path"} and args and "prefix" in args[0].labels:
                v.labels = v.labels | {"prefix"}
            return v
        if q in ("re.sub", "regex.sub") and len(args) > 2 and isinstance(args[0].const, str) and re.search(
                r"\\[rns]|[\r\n]", args[0].const):
            v = derive(*everything)
            if v.src:
                v.clean = v.clean | {"log", "header"}
            return v
        if q.startswith("random.") and last in RANDOM_FUNCS or q == "numpy.random.randint":
            return derive(*everything, labels=frozenset({"random"})).with_(kind=None)
        if q.startswith("secrets.") or q in ("random.SystemRandom", "secrets.SystemRandom"):
            return V(kind=("obj", "sysrandom")) if last == "SystemRandom" else EMPTY
        if q == "random.Random":
            return V(kind=("obj", "random"))
        if q.startswith("hashlib.") and last in WEAK_HASHES | FAST_HASHES | {"new"} or q.startswith(
                "Crypto.Hash.") and last == "new" and q.split(".")[-2] in CRYPTO_HASHES:
            if q.startswith("Crypto.Hash."):
                name = CRYPTO_HASHES[q.split(".")[-2]]
            else:
                a_name = c.arg(0, "name") if last == "new" else None
                name = last if last != "new" else (
                    a_name.const if a_name is not None and isinstance(a_name.const, str) else "?")
            pw = any("password" in a.labels for a in everything)
            return V(kind=("hash", str(name).lower()), labels=frozenset({"password"}) if pw else frozenset())
        if q in PASSWORD_KDFS or last in PASSWORD_HASHERS and any("password" in a.labels for a in everything):
            # a slow salted hash (or an encryption) of a password: no longer the password as typed
            return V(labels=frozenset({"protected-password"}))
        if q.startswith("traceback.format") or q in ("traceback.extract_stack", "traceback.extract_tb"):
            return V(labels=frozenset({"trace", "text"}))
        kinds = {
            "flask.Flask": "flask.Flask", "bottle.Bottle": "flask.Flask",
            "werkzeug.datastructures.Headers": "headers", "wsgiref.headers.Headers": "headers",
            "tarfile.open": "tar", "tarfile.TarFile": "tar", "tarfile.TarFile.open": "tar",
            "ssl.create_default_context": "sslctx", "ssl.SSLContext": "sslctx",
            "ssl._create_unverified_context": "sslctx", "OpenSSL.SSL.Context": "osslctx",
            "ldap.initialize": "ldap", "ldap3.Connection": "ldap3", "logging.getLogger": "logger",
            "requests.Session": "http-session", "requests.session": "http-session", "httpx.Client": "http-session",
            "httpx.AsyncClient": "http-session", "urllib3.PoolManager": "http-session",
            "http.client.HTTPConnection": "http-session", "http.client.HTTPSConnection": "http-session",
            "ftplib.FTP": "ftp", "telnetlib.Telnet": "telnet", "smtplib.SMTP": "smtp", "socket.socket": "socket",
            "pymongo.MongoClient": "mongo", "boto3.client": "aws", "boto3.resource": "aws",
            "sqlite3.connect": "db", "pymysql.connect": "db", "MySQLdb.connect": "db",
            "mysql.connector.connect": "db", "psycopg2.connect": "db", "sqlalchemy.create_engine": "db",
            "pathlib.Path": "path", "pathlib.PurePath": "path", "pathlib.PosixPath": "path",
            "xml.sax.make_parser": "saxparser", "xml.etree.ElementTree.XMLParser": "etparser",
            "xml.etree.ElementTree.parse": "ettree", "xml.etree.ElementTree.fromstring": "ettree",
            "xml.etree.ElementTree.XML": "ettree", "lxml.etree.parse": "lxmltree", "lxml.etree.fromstring": "lxmltree",
            "lxml.etree.XML": "lxmltree", "lxml.etree.HTML": "lxmltree", "lxml.html.fromstring": "lxmltree",
            "jinja2.Environment": "jenv", "paramiko.SSHClient": "ssh",
            "cryptography.hazmat.primitives.ciphers.aead.AESGCM": "aead",
            "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305": "aead",
            "cryptography.hazmat.primitives.ciphers.aead.AESCCM": "aead",
            "cryptography.hazmat.primitives.ciphers.aead.AESOCB3": "aead",
            "cryptography.hazmat.primitives.ciphers.aead.AESGCMSIV": "aead",
        }
        k = kinds.get(q)
        if q in ("flask.make_response", "flask.Response", "django.http.HttpResponse", "flask.jsonify",
                 "flask.redirect", "flask.render_template", "flask.send_file", "flask.send_from_directory",
                 "flask.render_template_string", "render_template_string", "render_template", "jsonify",
                 "django.shortcuts.render", "django.http.JsonResponse", "flask.abort") or q in REDIRECT_QUALS:
            return derive(*everything).with_(kind=("obj", "response"))
        if q in ("lxml.etree.XMLParser", "lxml.etree.ETCompatXMLParser", "lxml.etree.XMLPullParser",
                 "lxml.objectify.makeparser"):
            unsafe = not falsy_const(kws.get("resolve_entities")) or truthy_const(kws.get("load_dtd")) or falsy_const(
                kws.get("no_network", V(const=True)))
            return V(kind=("xmlparser", unsafe))
        if q == "jinja2.Template":
            return derive(*everything).with_(kind=("tmpl", truthy_const(kws.get("autoescape"))))
        if q == "re.compile" and args and isinstance(args[0].const, str):
            return V(kind=("pattern", args[0].const), src=args[0].src, clean=args[0].clean)
        if k is not None:
            v = derive(*everything)
            v.kind = ("obj", k)
            if k == "jenv":
                v.kind = ("jenv", truthy_const(kws.get("autoescape")) or (
                        "autoescape" in kws and not is_const(kws["autoescape"])))
            return v
        if q in ("os.path.realpath", "os.path.abspath", "os.path.normpath", "posixpath.normpath"):
            v = derive(*everything)
            if v.src:
                v.labels = v.labels | {"normpath"}
            return v
        if q in ("os.path.join", "posixpath.join", "os.path.expanduser"):
            v = derive(*everything, labels=frozenset({"text"}))
            if args and ("prefix" in args[0].labels or isinstance(args[0].const, str) and args[0].const):
                v.labels = v.labels | {"prefix"}
            return v
        if q in ("bytes", "bytearray") and len(args) == 1 and not args[0].src and not isinstance(
                args[0].const, (str, bytes, tuple)) and (isinstance(args[0].const, int) or args[0].kind and
                                                         args[0].kind[0] in ("qual", "name")):
            return V(const=bytes(args[0].const)) if isinstance(args[0].const, int) and 0 < args[0].const <= 4096 \
                else V(kind=("fixed",))  # zero bytes of a size
        if q in ("str", "bytes", "bytearray", "repr", "format", "bytes.fromhex", "base64.b64decode",
                 "base64.decodebytes", "base64.b64encode", "base64.urlsafe_b64decode", "urllib.parse.unquote",
                 "urllib.parse.unquote_plus"):
            v = derive(*everything)
            if args and "prefix" in args[0].labels:
                v.labels = v.labels | {"prefix"}
            if is_const(args[0]) if args else False:
                try:
                    v.const = {"str": str, "bytes": lambda x: x if isinstance(x, bytes) else NOCONST}.get(
                        q, lambda x: NOCONST)(args[0].const)
                except Exception:
                    v.const = NOCONST
            return v
        if q in ("open",) and args:
            v = derive(args[0])
            v.kind = ("obj", "file")
            return v
        if q in SSRF_QUALS and q != "urllib.request.Request" or q.startswith(("requests.", "httpx.")):
            # what a server answers is new data: the URL does not flow into it
            return V(kind=("obj", "http-response"))
        v = derive(*everything)
        return v

    # ------------------------------------------------------------------------------ method calls --

    def method_call(self, recv, name, recv_node, c, env):
        node, args, kws = c.node, c.args, c.kws
        line = node.lineno
        api = short(node.func, 40) + "()"
        k = recv.kind
        if k and k[0] == "inst":
            m = self.find_method(k[1], name)
            if m is not None:
                return self.user_call(m, c, recv)
        # sources
        if name in ("recv", "recvfrom", "recv_into", "recvmsg", "recvfrom_into") and (
                k in (None, ("obj", "socket")) and "socket" in self.imports or k == ("obj", "socket")):
            return V(frozenset({("user", line, "data received from the network")}), labels=frozenset({"text"}))
        if name in REQUEST_METHODS:
            return self.request_value(name, line)
        if name in ("get_json", "get_data") and isinstance(recv_node, ast.Name) and recv_node.id in ("request", "req"):
            return self.request_value(name, line)
        self.check_method_sinks(recv, name, recv_node, c, env, api)
        everything = [recv] + args + list(kws.values()) + c.extra
        # mutators: the container now holds the data
        if name in MUTATORS and any(a.src or a.labels - {"text", "prefix"} for a in args + list(kws.values())):
            added = derive(*args, *kws.values())
            self.mutate(recv_node, added, env, keep_first=name in ("append", "extend", "add", "update"))
        if k and k[0] == "hash" and name in ("hexdigest", "digest"):
            # a fast hash of a password stands for the password (CWE-522 when stored)
            return V(labels=frozenset({"hashed-password"} if "password" in recv.labels else {"fast-digest"}))
        if name in PASSWORD_HASHERS and any("password" in a.labels for a in args + list(kws.values())):
            return V(labels=frozenset({"protected-password"}))
        if name in SQL_BIND_METHODS and (recv.kind and recv.kind[0] == "obj" or "sqlalchemy" in self.imports):
            # text(...).bindparams(n=x), insert(t).values(name=x): the values travel apart from the SQL text
            return derive(recv).with_(kind=recv.kind)
        if name in SAFE_METHODS:
            return EMPTY
        if name == "get" and "type" in kws and qual_of_kind(kws["type"]) in ("int", "float", "bool"):
            return EMPTY
        if k and k[0] == "hash":
            if name in ("hexdigest", "digest"):
                return EMPTY
            return recv
        if k == ("obj", "random") and name in RANDOM_FUNCS:
            return derive(*args, labels=frozenset({"random"}))
        if k == ("obj", "sysrandom"):
            return EMPTY
        if k and k[0] == "pattern":
            return derive(*args)
        if k and k[0] == "jenv" and name in ("from_string", "get_template"):
            return derive(*args).with_(kind=("tmpl", k[1]))
        if k and k[0] == "obj":
            keep = {
                "db": ("cursor", "execute", "connect"), "lxmltree": ("getroot", "find", "getroottree"),
                "ettree": ("getroot", "find"), "mongo": None, "aws": None, "path": ("joinpath", "resolve", "absolute",
                                                                                     "with_name", "with_suffix",
                                                                                     "expanduser", "parent"),
                "tar": ("__enter__",), "ldap": (), "ldap3": (), "flask.Flask": (), "http-session": ("__enter__",),
            }.get(k[1], ())
            if keep is None or name in keep:
                return derive(*everything).with_(kind=k)
            if k[1] == "file" and name in ("read", "readline", "readlines"):
                return derive(recv)
            if k[1] in ("http-session",) and name in HTTP_VERBS:
                return V(kind=("obj", "http-response"))
        v = derive(*everything)
        if "prefix" in recv.labels and name in ("strip", "rstrip", "lower", "upper", "replace", "encode", "decode",
                                                "format", "title", "capitalize", "casefold"):
            v.labels = v.labels | {"prefix"}
        if name in ("format", "join", "replace", "strip", "lower", "upper", "encode", "decode") and (
                recv.src or "text" in recv.labels or isinstance(recv.const, str)):
            v.labels = v.labels | {"text"}
        if name in ("format", "join", "replace", "strip", "lower", "upper", "encode", "decode", "lstrip",
                    "rstrip", "title", "zfill", "ljust", "rjust", "center", "casefold") and is_const(recv) and all(
                is_const(a) for a in args):
            try:
                v.const = getattr(recv.const, name)(*[a.const for a in args])
            except Exception:
                pass
        if name == "filename" and "upload-file" in recv.labels:
            v.labels = v.labels | {"upload-name"}
        if name == "replace" and v.src and args and isinstance(args[0].const, (str, bytes)) and any(
                ch in args[0].const for ch in ("\n", "\r", b"\n", b"\r") if type(ch) is type(args[0].const)):
            v.clean = v.clean | {"log", "header"}
        return v

    def find_method(self, cls, name, depth=0):
        methods = self.classes.get(cls, {})
        if name in methods:
            return methods[name]
        if depth > 5:
            return None
        for b in cls.bases:
            if isinstance(b, ast.Name):
                for other in self.classes:
                    if other.name == b.id and other is not cls:
                        m = self.find_method(other, name, depth + 1)
                        if m is not None:
                            return m
        return None

    def mutate(self, recv_node, added, env, keep_first=False):
        if isinstance(recv_node, ast.Name):
            name = recv_node.id
            old = self.lookup(name, env)
            if old is None:
                return
            new = old.with_(src=cap_sources(old.src | added.src), labels=old.labels | added.labels, const=NOCONST)
            if added.src:
                new.clean = (old.clean & added.clean) if old.src else added.clean
            if old.kind and old.kind[0] == "seq":
                # the program of ["ls"] + appended arguments is still "ls"; other positions are unknown
                new.kind = ("seq", old.kind[1][:1] if keep_first else ())
            self.bind(name, new, env)
        elif isinstance(recv_node, ast.Attribute):
            owner = self.ev(recv_node.value, env)
            if owner.kind and owner.kind[0] == "inst":
                self.set_attr(owner.kind[1], recv_node.attr, join(self.attrs.get((owner.kind[1], recv_node.attr)),
                                                                  added))


    # ------------------------------------------------------------------------------------- sinks --

    def sink(self, node, family, v, api, unsafe_any=None, what=None, cwe=None, fix=None):
        """Reports data reaching a sink: high/critical when untrusted data reaches it, high when the
        API is unsafe whatever the data (unsafe_any: why) and the argument is not a literal, a note for
        the rest of the risky APIs (medium when computed, low when constant)."""
        if v is None:
            return
        rule, fcwe, fwhat, ffix = FAMILIES[family]
        cwe = cwe or fcwe
        what = what or fwhat
        fix = fix or ffix
        if v.taints(family):
            s = best_source(v)
            sev = "critical" if family in CRITICAL_FAMILIES and s[0] == "user" else "high"
            text = src_text(s)
            self.add(node, rule, cwe, sev, "%s%s reaches %s here, which %s." % (text[0].upper(), text[1:], api, what),
                     fix)
        elif unsafe_any and not is_const(v) and not (v.src and family in v.clean):
            self.add(node, rule, cwe, "high", "%s %s" % (api, unsafe_any), fix)
        elif family in NOTE_FAMILIES:
            if is_const(v):
                self.add(node, rule, cwe, "low", "%s with a constant argument: no input reaches it here, but "
                                                 "it is a risky API." % api, fix)
            elif not (v.src and family in v.clean):
                self.add(node, rule, cwe, "medium", "%s with a computed argument that no input reaches in this "
                                                    "file; make sure none ever does." % api, fix)

    def flag(self, node, rule, cwe, severity, message, fix):
        self.add(node, rule, cwe, severity, message, fix)

    def check_qual_sinks(self, q, c, env, api):
        node, args, kws = c.node, c.args, c.kws
        last = q.rsplit(".", 1)[-1]
        a0 = c.arg(0)
        # -- commands
        if q in SHELL_QUALS:
            self.sink(node, "command", c.arg(0, "cmd", "command"), api)
            self.shell_chmod(node, c.arg(0, "cmd", "command"), api)
        elif q in SUBPROCESS_QUALS:
            cmd = c.arg(0, "args")
            shell = kws.get("shell")
            shell_on = q == "asyncio.create_subprocess_shell" or (shell is not None and not falsy_const(shell))
            self.shell_chmod(node, cmd, api)
            if shell_on:
                self.sink(node, "command", cmd, api)
            elif cmd is not None:
                prog = cmd
                if cmd.kind and cmd.kind[0] == "seq" and cmd.kind[1]:
                    prog = cmd.kind[1][0]
                elif cmd.kind and cmd.kind[0] == "seq":
                    prog = cmd
                if "prefix" not in prog.labels:
                    self.sink(node, "program", prog, api)
        elif q in EXEC_QUALS or q in SPAWN_QUALS:
            i = 1 if q in SPAWN_QUALS and q not in ("os.posix_spawn", "os.posix_spawnp") else 0
            prog = c.arg(i)
            if prog is not None and "prefix" not in prog.labels:
                self.sink(node, "program", prog, api)
        # -- code
        elif q in ("eval", "exec"):
            if a0 is not None:
                if is_const(a0) and isinstance(a0.const, (str, bytes)):
                    self.literal_code(node, a0.const, env, api)
                else:
                    self.sink(node, "code", a0, api, unsafe_any="runs a string that is not a literal as Python "
                                                                "code: whoever shapes that string runs code.")
        elif q == "compile":
            self.sink(node, "code", c.arg(0, "source"), api)
        elif q in ("__import__", "importlib.import_module", "importlib.__import__", "runpy.run_module",
                   "runpy.run_path"):
            self.sink(node, "import", a0, api)
        elif q in TEMPLATE_QUALS:
            self.sink(node, "template", c.arg(0, "source"), api)
            if a0 is not None and isinstance(a0.const, str) and re.search(r"\|\s*safe|autoescape\s+false", a0.const):
                for v in list(kws.values())[0:] + args[1:]:
                    self.sink(node, "xss", v, api, what="renders it with autoescaping switched off")
        # -- SQL and NoSQL
        elif q in SQL_QUALS:
            self.sink(node, "sql", c.arg(0, "sql", "text"), api)
            self.sql_note(node, c.arg(0, "sql", "text"), api)
        # -- files
        elif q in PATH_QUALS:
            i, kw = PATH_QUALS[q]
            p = c.arg(i, kw) if kw else c.arg(i)
            self.sink(node, "path", p, api)
            if q in PATH_DEST_ARGS:
                self.sink(node, "path", c.arg(PATH_DEST_ARGS[q], "dst", "new"), api)
            if q == "open":
                mode = c.arg(1, "mode")
                writing = mode is not None and isinstance(mode.const, str) and any(x in mode.const for x in "wax+")
                if writing and p is not None and "upload-name" in p.labels:
                    self.sink(node, "upload", p, api)
                if writing and "x" not in mode.const and p is not None and isinstance(p.const, str) and \
                        re.match(r"^/(tmp|var/tmp|dev/shm)/[^/]+$", p.const):
                    self.flag(node, "insecure-temp-file", "CWE-377", "high",
                              "%s writes a file of a fixed name (%s) in a directory every user can write to: another "
                              "user can create it first, or plant a symlink there to a file of yours." % (api, p.const),
                              "Use tempfile.NamedTemporaryFile() or tempfile.mkstemp(), which create a new file of an "
                              "unpredictable name safely.")
            if q == "numpy.load" and truthy_const(kws.get("allow_pickle")):
                self.sink(node, "deser", p, api, unsafe_any="with allow_pickle=True unpickles objects from a file "
                                                            "that is not a constant.")
            if q == "os.chmod":
                self.check_mode(node, c.arg(1, "mode"), api, path=c.arg_node(0, "path"))
            elif q in ("os.mkdir", "os.makedirs"):
                self.check_mode(node, c.arg(1, "mode"), api, creating=True)
            elif q == "os.open":
                self.check_mode(node, c.arg(2, "mode"), api, path=c.arg_node(0, "path"), creating=True)
            if q == "shutil.unpack_archive":
                self.sink(node, "path", p, api, what="extracts the archive it names, whose members may climb out "
                                                     "of the target directory")
        elif q == "os.open":
            self.sink(node, "path", a0, api)
        elif q in ("os.fchmod", "os.lchmod"):
            self.check_mode(node, c.arg(1, "mode"), api, path=c.arg_node(0, "fd", "path"))
        elif q in ("os.mkfifo", "os.mknod"):
            self.check_mode(node, c.arg(1, "mode"), api, creating=True)
        elif q == "os.umask":
            m = c.arg(0, "mask")
            if m is not None and isinstance(m.const, int) and not isinstance(m.const, bool) and not m.const & 0o002:
                self.flag(node, "world-writable", "CWE-732", "high",
                          "%s(%s) lets every file and directory the program creates from now on be writable by every "
                          "user." % (api[:-2], oct(m.const)),
                          "Keep a umask that removes write access for others (0o022 or 0o077).")
            elif m is not None and isinstance(m.const, int) and not isinstance(m.const, bool) and not m.const & 0o020:
                self.flag(node, "group-writable", "CWE-732", "medium",
                          "%s(%s) lets the group write every file and directory the program creates from now on." % (
                              api[:-2], oct(m.const)),
                          "Keep a umask that removes write access for the group too (0o022 or 0o077), unless the "
                          "group is meant to share them.")
        # -- requests
        elif q in SSRF_QUALS:
            i = SSRF_QUALS[q]
            if i is not None:
                url = c.arg(i, "url", "host", "address")
                self.sink(node, "ssrf", url, api)
                if q in ("urllib.request.urlopen", "urllib.request.urlretrieve"):
                    self.sink(node, "file-url", url, api)
        elif q in REDIRECT_QUALS:
            self.sink(node, "redirect", c.arg(0, "location", "to", "url", "redirect_to"), api)
        elif q in XSS_QUALS:
            body = c.arg(0, "response", "content", "body")
            self.sink(node, "xss", body, api)
            self.exposure(node, body, api)
            self.response_secret(node, c.arg_node(0, "response", "content", "body"), api)
            self.header_dict(node, c.arg(2, "headers") if q in ("flask.make_response", "make_response") else kws.get(
                "headers"), api)
        # -- deserialization
        elif q in DESER_QUALS:
            if q == "torch.load" and truthy_const(kws.get("weights_only")):
                return
            self.sink(node, "deser", c.arg(0, "data", "file", "s", "string", "filename"), api,
                      unsafe_any="deserializes data that is not a literal: whoever controls it runs code.")
        elif q in ("yaml.load", "yaml.load_all"):
            loader = c.arg_node(1, "Loader")
            if loader is None or not YAML_SAFE_LOADERS.search(short(loader, 200)):
                self.sink(node, "deser", c.arg(0, "stream"), api,
                          unsafe_any="without a safe loader builds arbitrary Python objects from data that is not a "
                                     "literal.",
                          fix="Use yaml.safe_load(data), or yaml.load(data, Loader=yaml.SafeLoader).")
        # -- XML
        elif q in LXML_PARSE:
            parser = c.arg(1, "parser")
            if parser is not None and parser.kind and parser.kind[0] == "xmlparser" and not parser.kind[1]:
                return
            self.sink(node, "xxe", c.arg(0, "text", "source", "xml"), api)
        elif q in STDLIB_XML:
            self.sink(node, "xmlbomb", c.arg(0, "source", "string", "text", "file"), api)
        elif q in ("lxml.etree.XMLParser", "lxml.etree.ETCompatXMLParser", "lxml.etree.XMLPullParser",
                   "lxml.objectify.makeparser"):
            re_ = kws.get("resolve_entities")
            if not falsy_const(re_):
                how = "resolve_entities=True" if re_ is not None else "resolve_entities left at its default"
                self.flag(node, "xxe", "CWE-611", "high",
                          "%s builds an XML parser that resolves entities (%s): a document can read local files "
                          "or expand entities without bound." % (api, how), FAMILIES["xxe"][3])
            elif falsy_const(kws.get("no_network", V(const=True))):
                self.flag(node, "xxe", "CWE-611", "high", "%s builds an XML parser that fetches external "
                                                          "resources (no_network=False)." % api, FAMILIES["xxe"][3])
        elif q in ("lxml.etree.XPath", "lxml.etree.ETXPath"):
            self.sink(node, "xpath", c.arg(0, "path"), api)
        # -- regular expressions
        elif (q.startswith("re.") or q.startswith("regex.")) and last in REGEX_FUNCS:
            pat = c.arg(0, "pattern")
            self.sink(node, "regex", pat, api)
            ti = 2 if last in ("sub", "subn") else 1
            text = c.arg(ti, "string")
            if pat is not None:
                self.regex_checks(node, pat.const, text, api, last)
        # -- logging
        elif q.startswith("logging.") and last in LOG_METHODS or last in LOG_METHODS and LOGGER_NAME.search(
                q.rsplit(".", 1)[0]) and q.count(".") >= 1:
            # logging.info, and loggers reached through a module or an app: current_app.logger.info, app.log.warning
            self.log_sink(node, c, api)
        elif q == "syslog.syslog":
            self.log_sink(node, Call(node, c.args[-1:], c.kws, c.extra), api)
        # -- crypto
        elif q.startswith("hashlib.") and (last in WEAK_HASHES or last in FAST_HASHES or last == "new"):
            a_name = c.arg(0, "name") if last == "new" else None
            name = last if last != "new" else (a_name.const if a_name is not None and isinstance(a_name.const, str)
                                               else None)
            data = c.arg(1 if last == "new" else 0, "data", "string")
            if name and name.lower() in WEAK_HASHES and not falsy_const(kws.get("usedforsecurity", V(const=True))):
                self.weak_hash(node, name, data, api)
            if name:
                self.password_hash(node, name, data, api)
        elif q in ("hmac.new", "hmac.HMAC", "hmac.digest", "Crypto.Hash.HMAC.new"):
            self.hardcoded_key(node, c.arg(0, "key"), api)
            digest = c.arg(2, "digestmod", "digest")
            name = self.hash_name(digest)
            if name and name in WEAK_HASHES:
                self.flag(node, "weak-hash", "CWE-327", "high",
                          "%s authenticates messages with HMAC-%s: %s is a broken hash, kept only for old protocols."
                          % (api, name.upper(), name.upper()),
                          "Use HMAC with SHA-256 or better: hmac.new(key, msg, hashlib.sha256).")
        elif q.startswith("Crypto.Hash.") and last == "new" and q.split(".")[-2] in CRYPTO_HASHES:
            name = CRYPTO_HASHES[q.split(".")[-2]]
            if name in WEAK_HASHES:
                self.weak_hash(node, name, c.arg(0, "data"), api)
            self.password_hash(node, name, c.arg(0, "data"), api)
        elif q in ("cryptography.hazmat.primitives.hashes.MD5", "cryptography.hazmat.primitives.hashes.SHA1"):
            self.weak_hash(node, last, c.arg(0, "data"), api)
        elif q == "Crypto.Cipher.PKCS1_v1_5.new":
            self.flag(node, "weak-padding", "CWE-780", "high",
                      "%s encrypts with RSA and PKCS#1 v1.5 padding: its padding-oracle attacks decrypt messages."
                      % api, "Encrypt with RSA-OAEP (Crypto.Cipher.PKCS1_OAEP, or padding.OAEP in cryptography).")
        elif q in WEAK_CIPHERS or q.startswith("Crypto.Cipher.") and last == "new":
            if q in WEAK_CIPHERS:
                self.flag(node, "weak-cipher", "CWE-327", "high",
                          "%s uses %s, a broken cipher." % (api, WEAK_CIPHERS[q]),
                          "Use AES-GCM or ChaCha20-Poly1305 (cryptography's AESGCM / ChaCha20Poly1305).")
            self.hardcoded_key(node, c.arg(0, "key"), api)
            mode = c.arg_node(1, "mode")
            mode_text = short(mode, 200) if mode is not None else ""
            if q not in WEAK_CIPHERS and (mode_text.endswith(("MODE_ECB", ".ECB")) or (
                    mode is None and q.startswith("Crypto.Cipher.AES"))):
                self.flag(node, "weak-cipher-mode", "CWE-327", "high",
                          "%s encrypts in ECB mode: equal blocks give equal ciphertext." % api,
                          "Use an authenticated mode (AES.MODE_GCM) with a fresh random nonce.")
            iv = c.arg(1 if q.startswith(("Crypto.Cipher.ChaCha20", "Crypto.Cipher.Salsa20")) and "key" not in kws
                       else 2, "iv", "IV", "nonce")
            iv_node, key_node = c.arg_node(2, "iv", "IV", "nonce"), c.arg_node(0, "key")
            if iv_node is not None and key_node is not None and short(iv_node) == short(key_node) and \
                    q.startswith("Crypto.Cipher."):
                self.flag(node, "static-iv", "CWE-329", "high",
                          "%s uses the key as the IV: the IV is then the same for every message (and it reveals "
                          "the key to whoever learns the IV)." % api,
                          "Generate a fresh random IV for every message (os.urandom(16)) and send it along.")
            elif (q.startswith("Crypto.Cipher.") and last == "new" or q.startswith("pyDes.")) and fixed_value(iv):
                cbc = mode_text.endswith(("MODE_CBC", ".CBC"))
                self.flag(node, "static-iv", "CWE-329" if cbc else "CWE-1204", "high",
                          "%s uses a constant IV/nonce: the same plaintext always encrypts the same way%s." % (
                              api, "" if cbc else ", and reusing a nonce with a stream mode reveals the plaintexts"),
                          "Generate a fresh random IV for every message (os.urandom(16)) and send it along.")
        elif q == "cryptography.hazmat.primitives.ciphers.algorithms.ChaCha20":
            self.hardcoded_key(node, c.arg(0, "key"), api)
            if fixed_value(c.arg(1, "nonce")):
                self.flag(node, "static-iv", "CWE-1204", "high",
                          "%s uses a constant nonce: every message is encrypted with the same key stream." % api,
                          "Generate a fresh random nonce for every message (os.urandom(16)) and send it along.")
        elif q.startswith("cryptography.hazmat.primitives.ciphers.modes."):
            if last == "ECB":
                self.flag(node, "weak-cipher-mode", "CWE-327", "high",
                          "%s: ECB mode leaks patterns of the plaintext." % api,
                          "Use an authenticated mode (GCM) with a fresh random nonce.")
            elif last in IV_MODES:
                iv = c.arg(0, "initialization_vector", "nonce", "tweak")
                if fixed_value(iv):
                    self.flag(node, "static-iv", "CWE-329" if last == "CBC" else "CWE-1204", "high",
                              "%s uses a constant initialization vector." % api,
                              "Generate a fresh random IV for every message (os.urandom(16)) and send it along.")
        elif q in ("cryptography.hazmat.primitives.ciphers.algorithms.AES", "cryptography.fernet.Fernet",
                   "cryptography.hazmat.primitives.ciphers.aead.AESGCM",
                   "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305", "hmac.new", "hmac.HMAC"):
            self.hardcoded_key(node, c.arg(0, "key"), api)
        elif q in ("Crypto.PublicKey.RSA.generate", "Crypto.PublicKey.DSA.generate"):
            self.key_size(node, c.arg(0, "bits"), api)
        elif q in ("cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key",):
            self.key_size(node, c.arg(1, "key_size"), api)
        elif q in ("cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key",):
            self.key_size(node, c.arg(0, "key_size"), api)
        elif q in ("hashlib.pbkdf2_hmac",):
            self.constant_salt(node, c.arg(2, "salt"), api)
        elif q in ("hashlib.scrypt", "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC",
                   "cryptography.hazmat.primitives.kdf.scrypt.Scrypt"):
            self.constant_salt(node, kws.get("salt"), api)
        elif q in ("bcrypt.hashpw", "crypt.crypt"):
            self.constant_salt(node, c.arg(1, "salt"), api)
        elif q in ("tempfile.mktemp", "os.tempnam", "os.tmpnam"):
            self.flag(node, "insecure-temp-file", "CWE-377", "high",
                      "%s only makes up a name: another process can create that file first." % api,
                      "Use tempfile.mkstemp() or tempfile.NamedTemporaryFile(), which create the file safely.")
        # -- TLS and signatures
        elif q in ("ssl._create_unverified_context", "ssl._create_stdlib_context"):
            self.flag(node, "tls-no-verify", "CWE-295", "high",
                      "%s makes a TLS context that checks no certificate and no host name." % api,
                      "Use ssl.create_default_context().")
        elif q == "ssl.wrap_socket":
            reqs = c.arg_node(None, "cert_reqs")
            if reqs is None or not short(reqs).endswith("CERT_REQUIRED"):
                self.flag(node, "tls-no-verify", "CWE-295", "high",
                          "%s checks no certificate unless cert_reqs=ssl.CERT_REQUIRED (it is removed in Python "
                          "3.12)." % api, "Use ssl.create_default_context().wrap_socket(sock, server_hostname=host).")
            self.tls_version(node, c.arg_node(None, "ssl_version"), api, default_ok=False)
        elif q in ("ssl.SSLContext", "OpenSSL.SSL.Context"):
            self.tls_version(node, c.arg_node(0, "protocol", "method"), api, default_ok=True)
            if q == "OpenSSL.SSL.Context" and not self.has_verify_peer:
                self.flag(node, "tls-no-verify", "CWE-295", "high",
                          "%s: a pyOpenSSL context verifies no certificate until set_verify(SSL.VERIFY_PEER, ...) "
                          "is called, and this file never does." % api,
                          "Call ctx.set_verify(SSL.VERIFY_PEER, callback) and load trusted CAs "
                          "(ctx.set_default_verify_paths()).")
        elif q in ("paramiko.AutoAddPolicy", "paramiko.WarningPolicy", "paramiko.client.AutoAddPolicy",
                   "paramiko.client.WarningPolicy"):
            self.flag(node, "ssh-no-host-key-check", "CWE-295", "high",
                      "%s accepts any SSH host key: a man in the middle goes unnoticed." % api,
                      "Load known host keys and use paramiko.RejectPolicy().")
        elif q.endswith("jwt.decode") or q in ("jwt.api_jwt.decode", "jose.jws.verify"):
            self.jwt_decode(node, c, api)
        elif q == "python_jwt.process_jwt" and not self.has_verify_jwt:
            self.flag(node, "jwt-no-verify", "CWE-347", "high",
                      "%s decodes the token without checking its signature (python_jwt.verify_jwt is never "
                      "called)." % api, "Verify the token with python_jwt.verify_jwt(token, key, ['RS256']).")
        elif q == "werkzeug.serving.run_simple" and (truthy_const(kws.get("use_debugger")) or truthy_const(
                kws.get("use_evalex"))):
            self.debug_flag(node, api)
        if q in SSRF_QUALS and q.startswith(("requests.", "httpx.", "urllib.request.")):
            url = c.arg(SSRF_QUALS[q] or 0, "url")
            text = url.const if url is not None and isinstance(url.const, str) else ""
            if text.lower().startswith("http://") and not re.match(r"(?i)^http://(localhost|127\.|\[::1\])", text):
                creds = "auth" in kws or any(
                    "password" in v.labels or "sensitive" in v.labels for v in list(kws.values()) + args[1:]) or any(
                    v.kind and v.kind[0] == "dict" and any(isinstance(k, str) and (
                        k.lower() in ("authorization", "cookie", "x-api-key") or secret_kind(k) or k.lower() in
                        PASSWORD_WORDS) for k in v.kind[1]) for v in list(kws.values()) + args[1:])
                if creds:
                    self.flag(node, "cleartext-credentials", "CWE-319", "high",
                              "%s sends credentials to %s over plain HTTP: anyone on the path reads them." % (
                                  api, text[:60]), "Use an https:// URL (and keep certificate checks on).")
        if (q.startswith(("requests.", "httpx.")) and falsy_const(kws.get("verify"))) or (
                q.startswith("aiohttp.") and (falsy_const(kws.get("ssl")) or falsy_const(kws.get("verify_ssl")))):
            self.flag(node, "tls-no-verify", "CWE-295", "high",
                      "%s with certificate verification switched off: anyone on the path can read and change "
                      "the traffic." % api, "Leave verify at its default (True), or point it at a CA bundle.")
        if q == "urllib3.PoolManager" and isinstance(const_of(kws.get("cert_reqs")), str) and "NONE" in kws[
                "cert_reqs"].const:
            self.flag(node, "tls-no-verify", "CWE-295", "high", "%s with cert_reqs='CERT_NONE'." % api,
                      "Leave certificate checks on (cert_reqs='CERT_REQUIRED').")
        if q in ("os.kill", "os.killpg", "os.pidfd_open") and not isinstance(c.arg_node(0, "pid", "pgid"),
                                                                              ast.Attribute):
            # (proc.pid, self.pid: the id of a process the program holds a handle to)
            self.sink(node, "signal", c.arg(0, "pid", "pgid"), api)
        if q in ("random.seed", "random.Random", "numpy.random.seed") and (args or kws):
            self.check_seed(node, c.arg(0, "a", "x", "seed"), c.arg_node(0, "a", "x", "seed"), api)
        if q in REMOVED_FUNCS:
            version, instead = REMOVED_FUNCS[q]
            self.flag(node, "obsolete-function", "CWE-477", "high",
                      "%s was removed in Python %s: on the judge's Python 3 the call fails." % (api, version),
                      "Use %s." % instead)
        self.check_call_keywords(c, api)

    def check_method_sinks(self, recv, name, recv_node, c, env, api):
        node, args, kws = c.node, c.args, c.kws
        k = recv.kind
        a0 = c.arg(0)
        if name in SQL_METHODS and k not in (("obj", "mongo"), ("obj", "aws")) and not (k and k[0] in (
                "pattern", "hash", "tmpl", "jenv")):
            # Model.objects.raw(sql) is Django's; another raw() is not SQL
            if name != "raw" or k == ("obj", "db") or (isinstance(recv_node, ast.Attribute)
                                                        and recv_node.attr == "objects"):
                q = c.arg(0, "sql", "query", "operation", "statement", "raw_query")
                self.sink(node, "sql", q, api)
                self.sql_note(node, q, api)
                if q is not None and isinstance(q.const, str) and re.match(r"(?is)\s*(insert|update|replace)\b",
                                                                           q.const):
                    params = c.arg(1, "params", "parameters", "args", "vars", "seq_of_parameters")
                    self.credential_store(node, params, api, "the database")
        elif name == "extra" and isinstance(recv_node, ast.Attribute) and recv_node.attr == "objects":
            for kw in ("where", "select", "tables", "order_by"):
                self.sink(node, "sql", kws.get(kw), api)
        if name in ("find", "find_one", "find_one_and_delete", "find_one_and_replace", "find_one_and_update",
                    "delete_one", "delete_many", "update_one", "update_many", "count_documents", "aggregate",
                    "replace_one") and (k == ("obj", "mongo") or "pymongo" in self.imports) and a0 is not None:
            if a0.kind and a0.kind[0] == "dict":
                where = a0.kind[1].get("$where")
                if where is not None:
                    self.sink(node, "nosql", where, api, what="runs it as JavaScript in the database ($where)")
            elif a0.kind is None or a0.kind[0] != "seq":
                self.sink(node, "nosql", a0, api, what="uses it as the whole query document")
        if name in ("scan", "query", "delete_item", "update_item", "put_item", "execute_statement", "get_item"):
            for kw in ("FilterExpression", "KeyConditionExpression", "ProjectionExpression", "ConditionExpression",
                       "UpdateExpression", "Statement"):
                if kw in kws:
                    self.sink(node, "nosql", kws[kw], api, what="builds the %s from it" % kw)
        if name in ("search_s", "search_st", "search_ext", "search_ext_s") or (
                name == "search" and k in (("obj", "ldap"), ("obj", "ldap3"))) or (
                name == "search" and ("search_filter" in kws or "search_base" in kws)):
            if k == ("obj", "ldap3") or "search_filter" in kws or "search_base" in kws:
                self.sink(node, "ldap", c.arg(0, "search_base"), api)
                self.sink(node, "ldap", c.arg(1, "search_filter"), api)
            else:
                self.sink(node, "ldap", c.arg(0, "base"), api)
                self.sink(node, "ldap", c.arg(2, "filterstr"), api)
        if name == "xpath" or (name in ("find", "findall", "findtext", "iterfind") and k in (
                ("obj", "lxmltree"), ("obj", "ettree"))):
            self.sink(node, "xpath", c.arg(0, "_path", "path"), api)
        if name in ("simple_bind_s", "simple_bind", "bind_s", "bind") and (k == ("obj", "ldap") or (
                "ldap" in self.imports and name != "bind")) and args:
            cred = c.arg(1, "cred", "password")
            if cred is None or is_const(cred) and cred.const in ("", b"", None):
                self.flag(node, "ldap-no-password", "CWE-521", "high",
                          "%s binds to LDAP as %s without a password: the server treats it as an anonymous (or "
                          "unauthenticated) bind, so nothing proves who is connecting." % (api, short(
                              c.arg_node(0, "who"), 40)),
                          "Bind with the account's password (read from the environment), or use SASL/TLS client "
                          "certificates.")
        if name == "exec_command" and (k == ("obj", "ssh") or "paramiko" in self.imports):
            self.sink(node, "command", c.arg(0, "command"), api)
        if name in ("parse", "feed") and k in (("obj", "saxparser"), ("obj", "etparser")):
            self.sink(node, "xmlbomb", a0, api)
        if name == "setFeature" and k == ("obj", "saxparser") and len(args) > 1 and truthy_const(args[1]):
            feat = c.arg_node(0)
            if feat is not None and "external" in short(feat, 200):
                self.flag(node, "xxe", "CWE-611", "high", "%s turns on external entities in the SAX parser." % api,
                          FAMILIES["xxe"][3])
        if name == "render" and k and k[0] == "tmpl" and not k[1]:
            for v in list(kws.values()) + args:
                self.sink(node, "xss", v, api, what="renders it in a jinja2 template without autoescaping")
        if name in ("from_string",) and k and k[0] == "jenv":
            self.sink(node, "template", a0, api)
        if name in ("extractall", "extract") and k == ("obj", "tar"):
            if "members" not in kws and "filter" not in kws:
                self.sink(node, "path", recv, api, what="extracts members of the archive it names without "
                                                        "checking their paths (a member may be ../../etc/...)")
        if name == "save" and "upload-file" in recv.labels:
            dest = c.arg(0, "dst")
            if dest is not None:
                self.sink(node, "path", dest, api)
                if "upload-name" in dest.labels:
                    self.sink(node, "upload", dest, api)
        if name in ("write", "writelines") and isinstance(recv_node, ast.Attribute) and recv_node.attr == "wfile":
            # http.server's handler: what goes to self.wfile is the response body
            self.sink(node, "xss", a0, api, what="writes it into the response body without escaping")
        if name in PATH_METHODS and k == ("obj", "path"):
            self.sink(node, "path", recv, api)
            if name == "chmod":
                self.check_mode(node, c.arg(0, "mode"), api, path=recv_node)
            elif name in ("mkdir", "touch"):
                self.check_mode(node, c.arg(0, "mode"), api, creating=True)
        if name in HTTP_VERBS and (k == ("obj", "http-session") or (
                isinstance(recv_node, ast.Name) and recv_node.id in ("session", "http", "client", "s"))
                and "requests" in self.imports):
            i = 1 if name == "request" else 0
            self.sink(node, "ssrf", c.arg(i, "url"), api)
            if falsy_const(kws.get("verify")):
                self.flag(node, "tls-no-verify", "CWE-295", "high",
                          "%s with certificate verification switched off." % api,
                          "Leave verify at its default (True), or point it at a CA bundle.")
        if name in LOG_METHODS and (k == ("obj", "logger") or (
                isinstance(recv_node, (ast.Name, ast.Attribute)) and LOGGER_NAME.search(short(recv_node, 80)))):
            self.log_sink(node, c, api)
        if k == ("obj", "headers") and name in ("add", "set", "add_header", "setdefault", "extend", "__setitem__"):
            key = c.arg(0, "key", "_key")
            val = c.arg(1, "value", "_value")
            if key is not None and isinstance(key.const, str) and key.const.lower() == "location":
                self.sink(node, "redirect", val, api)
            else:
                self.sink(node, "header", val, api)
                self.sink(node, "header", key, api)
        if name in ("format", "format_map") and recv.src and "format" not in recv.clean:
            if any(not is_const(a) for a in args + list(kws.values())):
                self.sink(node, "format", recv, api)
        if k and k[0] == "pattern" and name in REGEX_FUNCS:
            text = c.arg(1 if name in ("sub", "subn") else 0, "string")
            self.regex_checks(node, k[1], text, api, name)
            if recv.src:
                self.sink(node, "regex", recv, api)
        if k == ("obj", "aead") and name == "encrypt" and fixed_value(c.arg(0, "nonce")):
            self.flag(node, "static-iv", "CWE-1204", "high",
                      "%s encrypts with a constant nonce: a nonce used twice with one key reveals the plaintexts "
                      "and lets an attacker forge messages." % api,
                      "Make a fresh random nonce for every message (os.urandom(12)) and send it along.")
        if k and k[0] == "hash" and name == "update":
            if k[1] in WEAK_HASHES:
                self.weak_hash(node, k[1], a0, api, at_update=True)
            self.password_hash(node, k[1], a0, api)
        if name == "run" and (k == ("obj", "flask.Flask") or (isinstance(recv_node, ast.Name) and recv_node.id == "app")):
            if truthy_const(kws.get("debug")):
                self.debug_flag(node, api)
        if name == "set_verify":
            mode = c.arg_node(0, "mode")
            if mode is not None and short(mode).endswith("VERIFY_NONE"):
                self.flag(node, "tls-no-verify", "CWE-295", "high", "%s(VERIFY_NONE) checks no certificate." % api,
                          "Use SSL.VERIFY_PEER with a verify callback and trusted CAs.")
        if name == "set_missing_host_key_policy":
            pol = c.arg_node(0, "policy")
            if pol is not None and re.search(r"(AutoAddPolicy|WarningPolicy)", short(pol, 200)):
                self.flag(node, "ssh-no-host-key-check", "CWE-295", "high",
                          "%s accepts unknown SSH host keys: a man in the middle goes unnoticed." % api,
                          "Load known host keys and use paramiko.RejectPolicy().")
        if name == "login" and k == ("obj", "smtp") and not self.has_starttls:
            self.flag(node, "cleartext-credentials", "CWE-319", "high",
                      "%s sends the password over an unencrypted SMTP connection." % api,
                      "Use smtplib.SMTP_SSL, or call starttls() before login().")
        if name == "login" and k in (("obj", "ftp"), ("obj", "telnet")) and (args or kws):
            self.flag(node, "cleartext-credentials", "CWE-319", "high",
                      "%s sends the user name and password unencrypted (plain FTP): anyone on the path reads them."
                      % api, "Use ftplib.FTP_TLS (login, then prot_p()), or SFTP.")
        if name == "set_cookie" and (k == ("obj", "response") or self.imports & {"flask", "django", "bottle",
                                                                                  "werkzeug"}):
            self.cookie_flags(node, c, api)
        if name == "join" and any("random" in a.labels and "charset" in a.labels for a in args) and not (
                "seed" in self.call_names):
            self.flag(node, "weak-random-secret", "CWE-338", "high",
                      "%s builds a random string from the random module: its output can be predicted from earlier "
                      "output, so the string is no secret (token, password, ID)." % api,
                      "Make random strings with secrets: ''.join(secrets.choice(alphabet) for _ in range(n)), or "
                      "secrets.token_urlsafe().")
        if name == "set_cookie" and (k == ("obj", "response") or self.imports & {"flask", "django", "bottle",
                                                                                  "werkzeug"}):
            value_node = c.arg_node(1, "value")
            cname = c.arg(0, "key")
            val = c.arg(1, "value")
            if value_node is not None and not is_const(val) and (
                    secret_expr(value_node) and secret_kind(secret_expr(value_node)) == "password" or
                    val is not None and val.labels & {"hashed-password"} or
                    cname is not None and isinstance(cname.const, str) and secret_kind(cname.const) == "password"):
                self.flag(node, "password-in-cookie", "CWE-522", "high",
                          "%s puts a password into a cookie: it is stored in the browser and sent with every "
                          "request, where scripts, proxies and logs can read it." % api,
                          "Keep passwords out of cookies: after checking the password, set a random session id "
                          "(secrets.token_urlsafe()) and keep the session on the server.")
        if set(name_words(name)) >= {"set", "password"} and a0 is not None and a0.labels & {"fast-digest",
                                                                                          "hashed-password"}:
            self.flag(node, "weak-password-storage", "CWE-522", "high",
                      "%s stores a fast hash (MD5, SHA-*) as the password: a leaked hash is cracked with billions of "
                      "guesses a second." % api,
                      "Hand the password itself to a slow salted hash (bcrypt, argon2, hashlib.scrypt, or the "
                      "framework's set_password).")
        if name in ("set_password", "create_user", "create_superuser"):
            pw = c.arg(0 if name == "set_password" else 2, "raw_password", "password")
            if pw is not None and pw.src:
                self.password_policy(node, api)
        if name == "set_cookie" and len(args) > 1 and "random" in args[1].labels:
            self.flag(node, "weak-random-secret", "CWE-338", "high",
                      "%s sets a cookie from the random module, whose output can be predicted." % api,
                      FAMILIES["random"][3])
        self.check_call_keywords(c, api)

    def check_call_keywords(self, c, api):
        callee = api[:-2].rsplit(".", 1)[-1]
        stores = callee[:1].isupper() or callee in STORE_METHODS  # User(password=...), users.insert_one(...)
        if stores and not CONNECT_CALL.search(api):
            for a in c.args:  # users.insert_one({"name": n, "password": p})
                if a.kind and a.kind[0] == "dict":
                    for key, x in a.kind[1].items():
                        if isinstance(key, str) and secret_kind(key) == "password":
                            self.credential_store(c.node, x, api, "the collection")
        for k in c.node.keywords:
            if not k.arg:
                continue
            v = c.kws.get(k.arg)
            if v is None:
                continue
            if stores and secret_kind(k.arg) == "password" and not CONNECT_CALL.search(api):
                self.credential_store(c.node, v, api, "a record")
            if secret_kind(k.arg) and is_const(v):
                self.check_secret_value(k.value, k.arg, v, strong=secret_kind(k.arg) == "password")
                if secret_kind(k.arg) == "password" and isinstance(v.const, str) and v.const.strip() and \
                        CONNECT_CALL.search(api) and not looks_secret(k.arg, v.const) and not re.match(
                            r"^(\W*|<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|%\(\w+\)s|x+|\*+)$", v.const.strip()):
                    if name_echo(k.arg, v.const):
                        # password="password": a stand-in for the real value, as host="host", user="user"
                        self.flag(k.value, "hardcoded-secret", "CWE-798", "medium",
                                  "%s has the stand-in password %r written in the source: make sure the real one "
                                  "never is." % (api, v.const),
                                  "Read the password from the environment or a secret store (os.environ[...]).")
                    else:
                        self.flag(k.value, "hardcoded-secret", "CWE-798", "high",
                                  "%s logs in with the password %r written in the source (and a guessable one)." % (
                                      api, v.const),
                                  "Read the password from the environment or a secret store (os.environ[...]).")
                if secret_kind(k.arg) == "password" and v.const in ("", b"") and CONNECT_CALL.search(api) and not \
                        re.search(r"(?i)(authenticate|check|verify|valid)\w*\(\)$", api):
                    self.flag(k.value, "empty-password", "CWE-521", "high",
                              "%s connects with an empty password: the account it logs in to needs none, so anyone "
                              "who reaches the service can use it." % api,
                              "Protect the account with a strong password and read it from the environment "
                              "(os.environ[...]).")
            if "random" in v.labels and random_secret_name(k.arg):
                self.flag(k.value, "weak-random-secret", "CWE-338", "high",
                          "%s gets %s= from the random module, whose output can be predicted." % (api, k.arg),
                          FAMILIES["random"][3])

    # ------------------------------------------------------------------------------ sink helpers --

    def literal_code(self, node, code, env, api):
        """eval/exec of a literal: the code is fixed, but it may read variables that hold input."""
        if isinstance(code, bytes):
            code = code.decode("utf-8", "replace")
        try:
            tree = ast.parse(code, mode="exec")
        except Exception:
            tree = None
        tainted = None
        if tree is not None:
            for n in ast.walk(tree):
                if isinstance(n, ast.Name):
                    v = self.lookup(n.id, env)
                    if v is not None and v.taints("code"):
                        tainted = (n.id, v)
                        break
        if tainted:
            name, v = tainted
            s = best_source(v)
            sev = "critical" if s[0] == "user" else "high"
            self.add(node, "code-injection", "CWE-95", sev,
                     "%s runs code that reads %r, which holds %s: input is handed to the Python evaluator."
                     % (api, name, src_text(s)), FAMILIES["code"][3])
        else:
            self.add(node, "code-injection", "CWE-95", "low",
                     "%s of a constant string: no input reaches it here, but evaluating strings is risky; write the "
                     "code out instead." % api, FAMILIES["code"][3])

    def sql_note(self, node, q, api):
        if q is not None and not q.src and not is_const(q) and ("text" in q.labels or q.kind is None) and (
                "prefix" in q.labels or "text" in q.labels):
            self.add(node, "sql-injection", "CWE-89", "medium",
                     "%s runs SQL text built at run time; no input reaches it in this file, but placeholders "
                     "would make sure none ever does." % api, FAMILIES["sql"][3])

    def check_mode(self, node, mode, api, path=None, creating=False):
        """File modes that let others change a file (CWE-732), or read one that holds a secret. A mode given
        to a call that creates (mkdir, os.open) still goes through the umask: group write there is a note."""
        if mode is None or not isinstance(mode.const, int) or isinstance(mode.const, bool):
            return
        m = mode.const
        if m & 0o002:
            self.flag(node, "world-writable", "CWE-732", "high",
                      "%s gives every user write access (mode %s)." % (api, oct(m)),
                      "Grant the least access needed: 0o600 for files, 0o700 for directories.")
        elif m & 0o020:
            self.flag(node, "group-writable", "CWE-732", "medium" if creating else "high",
                      "%s gives the group write access (mode %s): every member of the group can change it." % (
                          api, oct(m)),
                      "Grant the least access needed: 0o600 for files, 0o700 for directories.")
        elif m & 0o044 and path is not None and self.secret_path(path):
            self.flag(node, "secret-readable", "CWE-732", "high",
                      "%s lets %s read %s (mode %s), which holds a key or credentials." % (
                          api, "every user" if m & 0o004 else "the group", short(path, 40), oct(m)),
                      "Keep secrets readable by their owner only: mode 0o600 (0o400 read-only).")

    def secret_path(self, node):
        """A path (its text, or the name of what holds it) that names a key, a password or credentials file."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            text = terminal_name(node) or ""
            if not text and isinstance(node, (ast.BinOp, ast.JoinedStr, ast.Call)):
                text = " ".join(x.value for x in ast.walk(node) if isinstance(x, ast.Constant) and isinstance(
                    x.value, str))
        return bool(SECRET_FILE.search(text)) or bool(set(name_words(text)) & {"key", "keyfile", "secret", "secrets",
                                                                                "password", "passwords", "credentials",
                                                                                "token", "pem", "keystore"})

    def shell_chmod(self, node, cmd, api):
        """chmod in a fixed shell command: chmod 777 f, chmod o+w f, chmod -R a+rwx d."""
        texts = []
        if cmd is not None and isinstance(cmd.const, str):
            texts.append(cmd.const)
        elif cmd is not None and cmd.kind and cmd.kind[0] == "seq" and cmd.kind[1]:
            texts.append(" ".join(x.const if isinstance(x.const, str) else "FILE" for x in cmd.kind[1]))
        for text in texts:
            for m in re.finditer(r"(?:^|[;&|]\s*|\s)chmod\s+(?:-\w+\s+)*([0-7]{3,4}|[ugoa]*[+=][rwxXst]+)\b", text):
                spec = m.group(1)
                what = "%s (chmod %s)" % (api, spec)
                if spec.isdigit():
                    self.check_mode(node, V(const=int(spec, 8)), what)
                    continue
                who, perms = re.match(r"([ugoa]*)[+=](.*)", spec).groups()
                if "w" in perms and (not who or "o" in who or "a" in who):
                    self.check_mode(node, V(const=0o002), what)

    def exposure(self, node, v, api):
        if v is None:
            return
        if "trace" in v.labels:
            self.flag(node, "stack-trace-exposure", "CWE-209", "high",
                      "%s sends a stack trace to the client: it shows code, paths and data." % api,
                      FAMILIES["exposure"][3])
        elif "error-detail" in v.labels:
            self.flag(node, "error-detail-exposure", "CWE-209", "high",
                      "%s sends the text of a caught exception (of any kind, database and OS errors included) to "
                      "the client: it can show paths, queries, configuration and data." % api,
                      FAMILIES["exposure"][3])

    def header_dict(self, node, v, api):
        if v is None or not v.kind or v.kind[0] != "dict":
            return
        for key, val in v.kind[1].items():
            if isinstance(key, str) and key.lower() == "location":
                self.sink(node, "redirect", val, api)
            else:
                self.sink(node, "header", val, api)

    def regex_checks(self, node, pattern, text, api, func):
        if not isinstance(pattern, str):
            return
        kind = regex_backtracking(pattern)
        if kind and text is not None and text.taints("redos"):
            self.sink(node, "redos", text, api, what="matches it against a pattern with %s backtracking (%r)" % (
                kind, pattern[:60]))
        elif kind == "exponential":
            self.flag(node, "redos", "CWE-1333", "medium",
                      "%s: the pattern %r can take exponential time on some inputs." % (api, pattern[:60]),
                      FAMILIES["redos"][3])
        if re.search(r"(?i)<\s*/?\s*script", pattern) and func in ("sub", "subn", "compile", "search", "match",
                                                                     "findall", "finditer", "split"):
            tainted = text is not None and text.src
            self.flag(node, "bad-html-filter", "CWE-116", "high" if tainted else "medium",
                      "%s filters HTML with a regular expression: browsers accept many spellings it misses "
                      "(</script >, nested or broken tags), so the result is not safe HTML." % api,
                      "Escape the text (html.escape) or use an HTML sanitizer such as bleach.clean().")
        tainted = text is not None and bool(text.src)
        anchor = regex_missing_anchor(pattern, func) if self.in_test else None  # a check, not a search in text
        if anchor and tainted:
            self.flag(node, "missing-regex-anchor", "CWE-20", "high",
                      "%s checks a URL or host with %r, which %s: a URL of another host that contains it passes "
                      "(https://evil.example/?x=..., https://good.example.evil.example)." % (api, pattern[:60], anchor),
                      "Parse the URL (urllib.parse.urlparse) and compare its hostname with an allow-list, or anchor "
                      "the pattern at both ends (re.fullmatch, or ^...$ with the path's '/').")
        wide = regex_wide_range(pattern)
        if wide:
            self.flag(node, "overly-large-range", "CWE-20", "high" if tainted else "medium",
                      "%s: the character range %s in %r also matches %s, which the check surely means to refuse." % (
                          api, wide[0], pattern[:60], wide[1]),
                      "Spell the ranges out ([A-Za-z], [0-9A-Fa-f]) so that only the intended characters match.")
        if regex_unescaped_host(pattern) and text is not None and text.src:
            self.flag(node, "incomplete-url-check", "CWE-20", "high",
                      "%s checks a host name with a regular expression whose '.' is not escaped (it matches any "
                      "character) in %r." % (api, pattern[:60]),
                      "Parse the URL (urllib.parse.urlparse) and compare its hostname with an allow-list.")

    def log_sink(self, node, c, api):
        """Untrusted text written to a log as it came (CWE-117): a line break in it starts a forged entry.
        Lazy %-formatting neutralises the arguments its placeholders convert (%r, %d...), not %s."""
        for a in list(c.node.args) + [k.value for k in c.node.keywords]:
            name = secret_expr(a)
            if name:
                self.flag(node, "secret-in-log", "CWE-532", "high",
                          "%s writes %r to the log: whoever reads the logs (operators, log services, an attacker "
                          "with a backup) gets the credential." % (api, name),
                          "Never log passwords, keys or tokens; log that the event happened (and who), not the secret.")
                break
        vals = list(c.args)
        fmt = vals[1] if api.rsplit(".", 1)[-1].startswith("log(") and len(vals) > 1 else vals[0] if vals else None
        rest = vals[vals.index(fmt) + 1:] if fmt is not None else []
        if fmt is not None and isinstance(fmt.const, str) and rest and not re.search(r"%(\(\w+\))?[-#0 +]*\d*(\.\d+)?s",
                                                                                     fmt.const):
            vals = [fmt]  # every placeholder converts its argument (%r, %d): no raw text reaches the log
        for v in vals + list(c.kws.values()):
            if v.taints("log"):
                s = best_source(v)
                self.add(node, "log-injection", "CWE-117", "high",
                         "%s%s is written to the log by %s without neutralising line breaks: input with a "
                         "newline forges log entries." % (src_text(s)[0].upper(), src_text(s)[1:], api),
                         FAMILIES["log"][3])
                return

    def credential_store(self, node, v, api, where):
        """A password stored as typed (CWE-256), or under a fast unsalted hash (CWE-522); and a new password
        stored with no check of its length or strength (CWE-521)."""
        if v is None:
            return
        items = [v]
        if v.kind and v.kind[0] == "seq":
            items = list(v.kind[1])
        elif v.kind and v.kind[0] == "dict":
            items = [x for key, x in v.kind[1].items() if not isinstance(key, str) or not secret_kind(key) or
                     secret_kind(key) == "password"]
        for x in items:
            plain = bool(x.src) and "password" in x.labels and not x.labels & {"hashed-password", "protected-password"}
            if plain:
                self.flag(node, "plaintext-password", "CWE-256", "high",
                          "%s stores a password as it was typed (%s): whoever reads %s, a backup or a leak, has "
                          "every user's password." % (api, src_text(best_source(x)), where),
                          "Store only a slow salted hash: werkzeug.security.generate_password_hash(), bcrypt, "
                          "argon2, or hashlib.scrypt with a random salt.")
            elif "hashed-password" in x.labels:
                self.flag(node, "weak-password-storage", "CWE-522", "high",
                          "%s stores a password protected only by a fast unsalted hash: a leaked table is cracked "
                          "with precomputed tables or billions of guesses a second." % api,
                          "Store a slow salted hash: werkzeug.security.generate_password_hash(), bcrypt, argon2, or "
                          "hashlib.scrypt with a random salt.")
            else:
                continue
            self.password_policy(node, api)
            return

    def password_policy(self, node, api):
        """A password taken from input and stored, in a function that never checks its length or strength
        (CWE-521): 'a' is accepted as a password."""
        u = self.unit
        if u.is_module or "validate_password" in self.identifiers:
            return

        def from_input(expr):
            return any(isinstance(x, ast.Name) and x.id in ("request", "input", "getpass", "req") or isinstance(
                x, ast.Attribute) and x.attr in ("argv", "getpass") for x in ast.walk(expr))

        pw = set()  # the password as the function holds it: names, or request.form["password"] as written
        for p in u.params:
            if secret_kind(p) == "password" and (u.route or not u.called or p in u.entry):
                pw.add(p)
        for n in walk_local(u.node.body):
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and \
                    secret_kind(n.targets[0].id) == "password" and from_input(n.value):
                pw.add(n.targets[0].id)
            elif isinstance(n, (ast.Subscript, ast.Call)) and secret_kind(terminal_name(n) or "") == "password" or (
                    isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Constant) and isinstance(
                        n.args[0].value, str) and secret_kind(n.args[0].value) == "password" and terminal_name(
                        n.func) == "get"):
                if from_input(n):
                    pw.add(short(n, 200))
        if not pw:
            return
        for n in walk_local(u.node.body):
            if not isinstance(n, ast.Call):
                continue
            used = {x.id for x in ast.walk(n) if isinstance(x, ast.Name)} | {
                short(x, 200) for x in ast.walk(n) if isinstance(x, (ast.Subscript, ast.Call)) and x is not n}
            if not used & pw:
                continue
            if is_len_call(n) or short(n.func) == "len":
                return  # len(password): a length rule
            words = set(name_words(terminal_name(n.func) or ""))
            f = short(n.func, 60)
            if words & {"valid", "validate", "validator", "strength", "strong", "policy", "complexity", "check",
                        "zxcvbn", "weak"} or f.startswith(("re.", "regex.")) or terminal_name(n.func) in (
                    "isalnum", "isalpha", "isdigit", "islower", "isupper", "match", "fullmatch", "search"):
                return
        self.flag(node, "weak-password-policy", "CWE-521", "high",
                  "%s stores a new password that nothing checks: %s() accepts any password, even 'a' or '123'." % (
                      api, u.name),
                  "Refuse short and common passwords before storing one (at least 8 characters, checked against a "
                  "list of common passwords; Django's validate_password()).")

    def check_seed(self, node, seed, seed_node, api):
        """A seed an attacker can find: a constant (CWE-336), the time or the process id (CWE-337), or a few
        random bytes (CWE-339: os.urandom(2) gives only 65 536 seeds to try)."""
        if seed is None or seed_node is None or not self.report:
            return
        text = short(seed_node, 40)
        calls = [n for n in ast.walk(seed_node) if isinstance(n, ast.Call)]
        names = [short(n.func, 60).rsplit(".", 1)[-1] for n in calls]
        small = None
        for n, name in zip(calls, names):
            if name in ("urandom", "token_bytes", "getrandbits", "randbits", "randbytes") and n.args and isinstance(
                    n.args[0], ast.Constant) and isinstance(n.args[0].value, int):
                bits = n.args[0].value * (1 if name.endswith("bits") else 8)
                if bits < 64:
                    small = bits
        if small is None:
            small = next((int(x[9:]) for x in seed.labels if x.startswith("seedbits:")), None)
        if small is not None:
            self.flag(node, "small-seed", "CWE-339", "high",
                      "%s seeds the random module with %d random bits (%s): an attacker tries all %d seeds and then "
                      "knows every value it gives." % (api, small, text, 2 ** small),
                      "Do not seed random for secrets: take them from the secrets module (secrets.token_bytes(16), "
                      "secrets.randbits(128)).")
        elif is_const(seed) and not isinstance(seed.const, bool) and seed.const is not None:
            self.seeds.append((node, "CWE-336", "the constant %s" % text, api))
        elif any(x in ("time", "time_ns", "now", "utcnow", "getpid", "perf_counter", "monotonic", "clock", "today")
                 for x in names):
            self.seeds.append((node, "CWE-337", "the time or the process id (%s)" % text, api))

    def hash_name(self, v):
        """The hashlib name of the hash a value names: 'md5', hashlib.sha1, Crypto.Hash.MD5, hashes.SHA1()."""
        if v is None:
            return None
        if isinstance(v.const, str):
            return v.const.lower().replace("-", "")
        if v.kind and v.kind[0] == "hash":
            return v.kind[1]
        q = qual_of_kind(v) or ""
        if q.startswith("hashlib."):
            return q.rsplit(".", 1)[-1].lower()
        if q.startswith("Crypto.Hash."):
            return CRYPTO_HASHES.get(q.split(".")[2])
        return None

    def password_hash(self, node, name, data, api):
        """A password hashed with a fast hash (CWE-916): a stolen hash is brute-forced at billions of guesses
        a second, whatever the hash's other merits."""
        if data is None or "password" not in data.labels or not name or name.lower() not in FAST_HASHES:
            return
        self.flag(node, "fast-password-hash", "CWE-916", "high",
                  "%s hashes a password with %s, a fast hash without a work factor: a stolen hash is brute-forced "
                  "at billions of guesses a second." % (api, name.upper()),
                  "Hash passwords with a slow salted function: hashlib.scrypt, bcrypt, argon2 (argon2-cffi), or "
                  "werkzeug.security.generate_password_hash.")

    def weak_hash(self, node, name, data, api, at_update=False):
        sensitive = data is not None and ("password" in data.labels or "sensitive" in data.labels)
        if sensitive:
            what = "a password" if "password" in data.labels else "secret or identifying data"
            self.flag(node, "weak-hash", "CWE-327", "high",
                      "%s hashes %s with %s, which is broken: hashes like it are cracked or forged quickly." % (
                          api, what, name.upper()),
                      "Hash passwords with a slow salted function (hashlib.scrypt, bcrypt, argon2); use SHA-256 "
                      "or better for anything else.")
        elif not at_update:
            self.flag(node, "weak-hash", "CWE-327", "high",
                      "%s uses %s, a broken hash (collisions can be made at will): nothing security relies on may "
                      "use it." % (api, name.upper()),
                      "Use hashlib.sha256 or better; a checksum that protects nothing says so with "
                      "usedforsecurity=False.")

    def hardcoded_key(self, node, key, api):
        if key is not None and is_const(key) and isinstance(key.const, (str, bytes)) and len(key.const) >= 4:
            self.flag(node, "hardcoded-key", "CWE-321", "high",
                      "%s gets a key written in the source: anyone with the code can decrypt or forge." % api,
                      "Load keys from the environment or a secret store (os.environ[...]), never from the source.")

    def key_size(self, node, bits, api):
        if bits is not None and isinstance(bits.const, int) and bits.const < 2048:
            self.flag(node, "weak-key", "CWE-326", "high",
                      "%s makes a %d-bit key; fewer than 2048 bits can be broken." % (api, bits.const),
                      "Use at least 2048-bit RSA/DSA keys (3072 for long-term use), or an elliptic curve key.")

    def constant_salt(self, node, salt, api):
        if salt is not None and is_const(salt) and isinstance(salt.const, (str, bytes)) and salt.const:
            self.flag(node, "constant-salt", "CWE-760", "high",
                      "%s uses a constant salt: equal passwords get equal hashes and one table cracks them all."
                      % api, "Make a random salt per password (os.urandom(16)) and store it with the hash.")

    def tls_version(self, node, proto, api, default_ok):
        text = short(proto, 200) if proto is not None else ""
        if text and OLD_PROTOCOLS.search(text):
            self.flag(node, "weak-tls", "CWE-327", "high",
                      "%s allows %s, a broken protocol version." % (api, text.rsplit(".", 1)[-1]),
                      "Use ssl.create_default_context() (TLS 1.2 or newer).")
        elif not text and not default_ok:
            self.flag(node, "weak-tls", "CWE-327", "high",
                      "%s without ssl_version sets no lowest protocol version: it negotiates whatever the peer offers, "
                      "TLS 1.0 and 1.1 included (and the function is deprecated, removed in Python 3.12)." % api,
                      "Use ssl.create_default_context() (TLS 1.2 or newer) and its wrap_socket(sock, "
                      "server_hostname=host).")

    def jwt_decode(self, node, c, api):
        kws = c.kws
        bad = None
        if falsy_const(kws.get("verify")):
            bad = "verify=False"
        opts = kws.get("options")
        if opts is not None and opts.kind and opts.kind[0] == "dict":
            sig = opts.kind[1].get("verify_signature")
            if sig is not None and falsy_const(sig):
                bad = "options={'verify_signature': False}"
        algs = kws.get("algorithms")
        if algs is not None and isinstance(algs.const, tuple) and any(
                isinstance(a, str) and a.lower() == "none" for a in algs.const):
            bad = "algorithms=['none']"
        if bad:
            self.flag(node, "jwt-no-verify", "CWE-347", "high",
                      "%s with %s accepts tokens with any signature, or none." % (api, bad),
                      "Verify the signature: jwt.decode(token, key, algorithms=['HS256']).")
        self.hardcoded_key(node, c.arg(1, "key"), api)

    def cookie_flags(self, node, c, api):
        """A cookie that carries a session or a credential without Secure: the browser also sends it over
        plain HTTP (CWE-614)."""
        name = c.arg(0, "key")
        value = c.arg(1, "value")
        secure = c.kws.get("secure")
        if secure is not None and not falsy_const(secure):
            return
        if "max_age" not in c.kws and "expires" not in c.kws and value is None:
            return  # deleting a cookie (set_cookie(name) with no value)
        words = name_words(name.const) if name is not None and isinstance(name.const, str) else []
        sensitive = bool(words) and words[-1] in SESSION_COOKIE_WORDS or bool(set(words) & {"session", "auth", "token"})
        if value is not None and ("password" in value.labels or "sensitive" in value.labels):
            sensitive = True
        if sensitive:
            self.flag(node, "insecure-cookie", "CWE-614", "high",
                      "%s sets the cookie %r without secure=True: the browser also sends it over plain HTTP, where "
                      "anyone on the path reads the session." % (api, name.const),
                      "Set session cookies with secure=True, httponly=True and samesite='Lax' (or 'Strict').")

    def debug_flag(self, node, api):
        self.flag(node, "debug-enabled", "CWE-215", "high",
                  "%s runs the app in debug mode: the Werkzeug debugger lets anyone who reaches it run code, and "
                  "errors show the source." % api,
                  "Never enable debug outside development: read it from the environment, default off.")

    # ------------------------------------------------------------------------- statement checks --

    def check_attr_assign(self, target, base, v, value_node):
        attr = target.attr
        text = short(value_node, 200) if value_node is not None else ""
        if attr == "check_hostname" and falsy_const(v):
            self.flag(target, "tls-no-verify", "CWE-295", "high",
                      "Setting check_hostname = False accepts a certificate for any host.",
                      "Keep ssl.create_default_context()'s defaults (check_hostname True, CERT_REQUIRED).")
        elif attr == "verify_mode" and text.endswith(("CERT_NONE", "CERT_OPTIONAL")):
            self.flag(target, "tls-no-verify", "CWE-295", "high",
                      "Setting verify_mode = %s accepts any certificate." % text.rsplit(".", 1)[-1],
                      "Keep ssl.create_default_context()'s defaults (check_hostname True, CERT_REQUIRED).")
        elif attr == "verify" and falsy_const(v) and (base.kind == ("obj", "http-session") or "requests" in self.imports):
            self.flag(target, "tls-no-verify", "CWE-295", "high", "Setting verify = False switches off certificate "
                                                                  "checks for the whole session.",
                      "Leave verify at its default (True), or point it at a CA bundle.")
        elif attr == "debug" and truthy_const(v) and (base.kind == ("obj", "flask.Flask") or short(
                target.value) == "app"):
            self.debug_flag(target, "app.debug = True")
        elif attr == "minimum_version" and OLD_PROTOCOLS.search(text):
            self.tls_version(target, value_node, "Setting minimum_version", default_ok=True)
        elif attr == "headers" and base.kind == ("obj", "response"):
            self.sink(target, "header", v, "response.headers")
        elif attr in ("location",) and base.kind == ("obj", "response"):
            self.sink(target, "redirect", v, "response.location")

    def check_item_assign(self, target, base, key, v):
        k = key.const if is_const(key) else None
        bk = base.kind
        if isinstance(k, str) and k.lower() == "location" and bk in (("obj", "response"), ("obj", "headers")):
            self.sink(target, "redirect", v, "the Location header")
        elif bk in (("obj", "headers"),) or (bk == ("obj", "response") and isinstance(k, str)):
            self.sink(target, "header", v, "a response header")
        if isinstance(k, str) and k.upper() == "DEBUG" and truthy_const(v) and short(target.value).endswith("config"):
            self.debug_flag(target, "config['DEBUG'] = True")
        if short(target.value) == "session" and "flask.session" in self.imports and (
                isinstance(k, str) and secret_kind(k) == "password" and not is_const(v) or
                v.labels & {"hashed-password"} or v.src and "password" in v.labels):
            self.flag(target, "password-in-cookie", "CWE-522", "high",
                      "Flask keeps session data in a cookie that is signed, not encrypted: the password put there "
                      "is readable by anyone who sees the cookie.",
                      "Keep passwords out of the session: store the user's id once the password is checked.")

    def check_settings(self, target, value_node, v):
        """Django settings that weaken passwords: no password validators (CWE-521), a fast hasher first in
        PASSWORD_HASHERS (CWE-916), a database without a password (CWE-521)."""
        name = target.id
        if name == "DEBUG" and truthy_const(v) and "settings" in self.django_settings():
            self.debug_flag(target, "DEBUG = True in Django's settings")
        if name == "AUTH_PASSWORD_VALIDATORS" and isinstance(value_node, (ast.List, ast.Tuple)) and not value_node.elts:
            self.flag(target, "weak-password-policy", "CWE-521", "high",
                      "AUTH_PASSWORD_VALIDATORS is empty: Django then accepts any password, even 'a' or '123'.",
                      "Keep Django's validators (UserAttributeSimilarity, MinimumLength, CommonPassword, "
                      "NumericPassword).")
        elif name == "PASSWORD_HASHERS" and isinstance(value_node, (ast.List, ast.Tuple)) and value_node.elts and \
                isinstance(value_node.elts[0], ast.Constant) and isinstance(value_node.elts[0].value, str) and \
                re.search(r"(MD5|SHA1|Crypt)PasswordHasher$", value_node.elts[0].value):
            self.flag(value_node.elts[0], "fast-password-hash", "CWE-916", "high",
                      "PASSWORD_HASHERS puts %s first: new passwords are stored under a fast hash that is "
                      "brute-forced quickly." % value_node.elts[0].value.rsplit(".", 1)[-1],
                      "Put a slow hasher first (Argon2PasswordHasher, PBKDF2PasswordHasher, "
                      "BCryptSHA256PasswordHasher).")
        elif name == "DATABASES" and isinstance(value_node, ast.Dict):
            for db in value_node.values:
                if not isinstance(db, ast.Dict):
                    continue
                for k, x in zip(db.keys, db.values):
                    if isinstance(k, ast.Constant) and k.value == "PASSWORD" and isinstance(x, ast.Constant) and \
                            x.value == "" and not any(isinstance(e, ast.Constant) and isinstance(e.value, str) and
                                                      "sqlite" in e.value for e in db.values):
                        self.flag(x, "empty-password", "CWE-521", "high",
                                  "The database is configured with an empty password: the account needs none, so "
                                  "anyone who reaches the database server can use it.",
                                  "Protect the database account with a strong password read from the environment.")

    def django_settings(self):
        """'settings' when the module is a Django settings file (it sets INSTALLED_APPS, MIDDLEWARE...)."""
        names = {t.id for n in self.tree.body if isinstance(n, ast.Assign) for t in n.targets
                 if isinstance(t, ast.Name)}
        return "settings" if names & {"INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF", "DATABASES",
                                      "AUTH_PASSWORD_VALIDATORS", "ALLOWED_HOSTS"} else ""

    def check_secret_assign(self, target, v, value_node):
        name = terminal_name(target)
        if not name or not is_const(v) or value_node is None:
            return
        kind = secret_kind(name)
        if kind:
            self.check_secret_value(value_node, name, v, kind == "password")

    def check_secret_value(self, node, name, v, strong=True):
        if not is_const(v) or not isinstance(v.const, (str, bytes)):
            return
        if looks_secret(name, v.const, strong_name=strong):
            cwe = "CWE-798"
            self.flag(node, "hardcoded-secret", cwe, "high",
                      "%s is set to a credential written in the source: anyone who reads the code can use it." % name,
                      "Read secrets from the environment or a secret store (os.environ[\"%s\"]), never from the "
                      "source." % re.sub(r"[^A-Z0-9_]", "_", name.upper()))

    def check_random_secret(self, target, name, v):
        if "random" in v.labels and name and random_secret_name(name):
            self.flag(target, "weak-random-secret", "CWE-338", "high",
                      "%r comes from the random module, whose output can be predicted; a secret needs an "
                      "unpredictable value." % name, FAMILIES["random"][3])

    def check_return(self, s, v):
        u = self.unit
        if u.is_module:
            return
        if "random" in v.labels and random_secret_name(u.name, anywhere=True):
            self.flag(s, "weak-random-secret", "CWE-338", "high",
                      "%s() returns a value from the random module, whose output can be predicted." % u.name,
                      FAMILIES["random"][3])
        if u.route and self.html_routes:
            if not (v.kind and v.kind[0] in ("obj", "dict", "seq")):  # Flask sends dicts and lists as JSON
                self.sink(s, "xss", v, "the response of %s()" % u.name,
                          what="sends it back as HTML without escaping")
            self.exposure(s, v, "%s()" % u.name)
        if u.route or "django" in self.imports and u.params[:1] == ["request"]:
            self.response_secret(s, s.value, "%s()" % u.name)

    def response_secret(self, node, expr, api):
        """A password or server secret, or the whole environment or configuration, sent to the client
        (CWE-201, CWE-497)."""
        if expr is None:
            return
        name = secret_expr(expr)
        if name and name_words(name)[-1] not in ("token",):
            self.flag(node, "secret-in-response", "CWE-201", "high",
                      "%s sends %r to the client: a credential leaves the server (and ends up in browser history, "
                      "proxies and logs)." % (api, name),
                      "Never send passwords or server secrets back; send only what the client needs.")
            return
        for n in ast.walk(expr):
            if isinstance(n, ast.Attribute) and (n.attr in ("environ", "environb") and short(n.value) == "os" or
                                                 n.attr == "config" and short(n.value) in ("app", "current_app")):
                parent_ok = any(isinstance(p, (ast.Subscript, ast.Attribute)) and p.value is n or isinstance(
                    p, ast.Call) and isinstance(p.func, ast.Attribute) and p.func.value is n for p in ast.walk(expr))
                if not parent_ok:
                    self.flag(node, "environment-exposure", "CWE-497", "high",
                              "%s sends the whole %s to the client: it holds secrets (keys, passwords, tokens) and "
                              "details of the system." % (api, short(n, 30)),
                              "Send only the values the client needs, never the environment or the configuration.")
                    return

    def check_compare(self, node, vals, env):
        ops = node.ops
        nodes = [node.left] + list(node.comparators)
        for i, op in enumerate(ops):
            left, right = nodes[i], nodes[i + 1]
            lv, rv = vals[i], vals[i + 1]
            if isinstance(op, (ast.Is, ast.IsNot)):
                lit = next((x for x in (left, right) if isinstance(x, ast.Constant) and isinstance(
                    x.value, (str, bytes, int, float)) and not isinstance(x.value, bool)), None)
                if lit is None and not any(singleton(x) for x in (left, right)):
                    # a name that holds a literal: expected = "admin" ... if name is expected
                    lit = next((x for x, v in ((left, lv), (right, rv)) if isinstance(x, ast.Name) and isinstance(
                        v.const, (str, bytes, int, float)) and not isinstance(v.const, bool) and v.const not in (
                        "", b"", 0)), None)
                word = "is" if isinstance(op, ast.Is) else "is not"
                fresh = next((x for x in (left, right) if fresh_value(x)), None)
                if lit is not None:
                    self.flag(node, "identity-compare", "CWE-595", "high",
                              "'%s' compares object identity with the literal %s, not its value: equal values built "
                              "at run time (input, slices, sums) are other objects, so the test fails or passes "
                              "by accident." % (word, short(lit, 30)),
                              "Compare values with == (or !=); keep 'is' for None, True and False.")
                elif fresh is not None and not any(singleton(x) for x in (left, right)):
                    self.flag(node, "identity-compare", "CWE-595", "high",
                              "'%s' compares object identity with %s, a value built here: it is a new object, never "
                              "the same as another, so the test says nothing about the values." % (
                                  word, short(fresh, 30)),
                              "Compare values with == (or !=); keep 'is' for None, True, False and sentinels.")
                elif not any(singleton(x) for x in (left, right)) and self.equality_test(left, right):
                    v = lv if lv.src else rv
                    why = ("%s is given from outside" % src_text(best_source(v))) if v.src else (
                        "%s() is meant to tell equal values" % self.unit.name)
                    self.flag(node, "identity-compare", "CWE-595", "high",
                              "'%s' compares the identity of %s and %s, not their contents: %s, and equal values given "
                              "separately are different objects." % (word, short(left, 30), short(right, 30), why),
                              "Compare contents with == (or a method that compares the fields that matter).")
            if isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) and is_len_call(left) and \
                    secret_kind(left.args[0].id) == "password" and isinstance(rv.const, int) and not isinstance(
                    rv.const, bool):
                least = rv.const + (1 if isinstance(op, (ast.LtE, ast.Gt)) else 0)
                if 0 < least < 8:
                    self.flag(node, "weak-password-policy", "CWE-521", "high",
                              "The password rule accepts passwords of %d character%s: such passwords are guessed in "
                              "seconds." % (least, "" if least == 1 else "s"),
                              "Require at least 8 characters (better 12) and refuse common passwords.")
            if isinstance(op, (ast.Eq, ast.NotEq)):
                for a, bv in ((left, rv), (right, lv)):
                    name = terminal_name(a)
                    if name and secret_kind(name) == "password":
                        if is_const(bv) and isinstance(bv.const, (str, bytes)) and looks_secret(name, bv.const):
                            self.flag(node, "hardcoded-secret", "CWE-798", "high",
                                      "%r is compared with a password written in the source." % name,
                                      "Check credentials against a salted hash kept outside the code.")
                for a, av, b in ((left, lv, right), (right, rv, left)):
                    # user.password == password (as typed): the stored password is the plaintext
                    if isinstance(b, (ast.Attribute, ast.Subscript)) and secret_kind(terminal_name(b) or "") == \
                            "password" and root_name(b) not in ("request", "req", None) and av.src and \
                            "password" in av.labels and not av.labels & {
                                "hashed-password", "protected-password"} and not isinstance(a, (ast.Attribute,
                                                                                                ast.Subscript)):
                        self.flag(node, "plaintext-password", "CWE-256", "high",
                                  "%s is compared with the password as typed: the stored password is kept in "
                                  "plaintext, readable by whoever reads the store." % short(b, 40),
                                  "Store a slow salted hash (werkzeug.security.generate_password_hash, bcrypt, "
                                  "argon2) and check with its verify function (check_password_hash).")
                        break
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(lv.const, str) and HOSTLIKE.match(lv.const) and (
                    rv.src):
                self.flag(node, "incomplete-url-check", "CWE-20", "high",
                          "Checking that %r appears somewhere in the URL lets evil.example/?%s through." % (
                              lv.const, lv.const),
                          "Parse the URL (urllib.parse.urlparse) and compare its hostname with an allow-list.")

    def equality_test(self, left, right):
        """Two parameters (or their fields) compared by identity in a function whose name says it tests equality
        (is_equal, same_user, __eq__, compare): the function answers a question about contents."""
        u = self.unit
        if u.is_module:
            return False
        words = set(name_words(u.name.strip("_"))) | ({"eq"} if u.name in ("__eq__", "__ne__") else set())
        if not words & {"equal", "equals", "eq", "ne", "equivalent", "same", "match", "matches", "compare", "cmp"}:
            return False
        params = set(u.params) - ({u.self_name} if u.self_name and u.name not in ("__eq__", "__ne__") else set())

        def root(x):
            while isinstance(x, (ast.Attribute, ast.Subscript)):
                x = x.value
            return x.id if isinstance(x, ast.Name) else None
        a, b = root(left), root(right)
        if u.name in ("__eq__", "__ne__") and isinstance(left, ast.Name) and isinstance(right, ast.Name):
            return False  # `self is other`: the usual shortcut before comparing fields
        return a in params and b in params and a != b

    def check_assert(self, s):
        words = set()
        for n in ast.walk(s.test):
            words.update(name_words(n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else ""))
        if words & AUTH_WORDS:
            self.flag(s, "assert-security-check", "CWE-703", "high",
                      "A security check made with assert (%s) is removed when Python runs with -O." % short(s.test, 60),
                      "Check with an if statement and refuse (raise an exception, return 403).")

    def check_defaults(self, fn, env):
        a = fn.args
        pos = a.posonlyargs + a.args
        for p, d in list(zip(pos[len(pos) - len(a.defaults):], a.defaults)) + [
                (p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]:
            if secret_kind(p.arg) and isinstance(d, ast.Constant):
                self.check_secret_value(d, p.arg, V(const=d.value), strong=secret_kind(p.arg) == "password")

    def check_reduce(self, fn, env):
        for n in ast.walk(fn):
            if isinstance(n, ast.Return) and isinstance(n.value, ast.Tuple) and n.value.elts:
                first = short(n.value.elts[0], 80)
                if re.fullmatch(r"(builtins\.)?(eval|exec|compile|__import__)|os\.(system|popen|exec\w*|spawn\w*)|"
                                r"subprocess\.\w+|(getattr)", first):
                    self.flag(n, "malicious-pickle", "CWE-502", "high",
                              "%s() makes unpickling this object call %s(): a pickle that runs code when loaded."
                              % (fn.name, first), "Do not define __reduce__ to call code-running functions; "
                                                  "exchange data as JSON.")

    def check_toctou(self, s, env):
        checks = {}
        for n in ast.walk(s.test):
            if isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Name):
                f = short(n.func, 60)
                if f in ("os.path.exists", "os.path.isfile", "os.access", "os.path.isdir", "path.exists",
                         "os.path.islink", "os.path.lexists"):
                    checks[n.args[0].id] = f
        if not checks:
            return
        for st in s.body:
            for n in ast.walk(st):
                if isinstance(n, ast.Call) and n.args and isinstance(n.args[0], ast.Name) and n.args[0].id in checks:
                    f = short(n.func, 60)
                    if f in ("open", "os.remove", "os.unlink", "os.rename", "os.chmod", "os.chown", "shutil.copy",
                             "shutil.move", "os.open", "io.open", "os.rmdir", "shutil.rmtree"):
                        v = self.lookup(n.args[0].id, env)
                        tainted = v is not None and v.src
                        self.flag(n, "toctou", "CWE-367", "high" if tainted else "medium",
                                  "%s() uses %r after %s() checked it: the file can be swapped in between." % (
                                      f, n.args[0].id, checks[n.args[0].id]),
                                  "Open the file directly and handle the error (try: open(...) except "
                                  "FileNotFoundError), and use the open file from then on.")
                        return

    # ------------------------------------------------------------------------- structural checks --

    def structure_checks(self):
        """Weaknesses in the shape of the code rather than in where data goes: loops, locks, privileges,
        return values. Each looks at one function (or the module) at a time."""
        for u in self.units:
            self.tick()
            body = u.node.body
            nodes = list(walk_local(body))
            local_names = set(u.params)
            declared = set()
            for n in nodes:
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                    local_names.add(n.id)
                elif isinstance(n, (ast.Global, ast.Nonlocal)):
                    declared.update(n.names)
            for n in ast.walk(u.node):  # a nested function may rebind it (nonlocal)
                if isinstance(n, ast.Nonlocal):
                    declared.update(n.names)
            for n in nodes:
                if isinstance(n, ast.While):
                    self.check_off_by_one(n, n.test, n.body)
                    if not u.is_module:
                        self.check_endless_loop(n, local_names - declared)
                elif isinstance(n, (ast.For, ast.AsyncFor)):
                    self.check_off_by_one(n, None, n.body)
            if not u.is_module:
                self.check_swallowed_error(u)
                self.check_local_lock(u, nodes, declared)
                self.check_secret_loop_compare(u, nodes)
            self.check_privileges(body)
        self.check_unchecked_none()
        self.check_pam()
        self.check_route_auth()

    def check_pam(self):
        """pam_authenticate() checks the password only; whether the account may log in now (expired, locked,
        outside its hours) is pam_acct_mgmt()'s answer, and without it a locked account gets in (CWE-285)."""
        if "pam_acct_mgmt" in self.identifiers or "acct_mgmt" in self.identifiers:
            return
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Call) and terminal_name(n.func) == "pam_authenticate":
                self.flag(n, "pam-no-account-check", "CWE-285", "high",
                          "pam_authenticate() only checks the password; the file never calls pam_acct_mgmt(), so an "
                          "expired, locked or disallowed account is let in.",
                          "Call pam_acct_mgmt(handle, 0) after pam_authenticate() succeeds and refuse unless it "
                          "returns PAM_SUCCESS.")
                return

    def check_route_auth(self):
        """A web handler that does something only a signed-in user (or an admin) may do (settings, delete,
        admin, change password...) and checks nobody (CWE-306). High when the app authenticates elsewhere (a
        login decorator, a session check in other handlers): this handler was left out; a note otherwise."""
        django = "django" in self.imports
        views = [u for u in self.units[1:] if u.route or django and u.params[:1] == ["request"] and u.parent is not
                 None and u.parent.is_module and u.cls is None]
        if not views:
            return
        decorators = {}  # functions of this file that wrap a view and check a session or a user
        for u in self.units[1:]:
            if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in walk_local(u.node.body)) and \
                    self.checks_auth(u.node, nested=True):
                decorators[u.name] = u
        guarded = []
        elsewhere = bool(decorators)
        for u in views:
            decos = [short(d.func if isinstance(d, ast.Call) else d, 80) for d in u.node.decorator_list]
            by_deco = any(AUTH_DECORATOR.search(d.rsplit(".", 1)[-1]) or d in decorators for d in decos)
            guarded.append(by_deco or self.checks_auth(u.node))
            # what shows the app protects pages: a login decorator, or a page (not the sign-in page) that
            # reads who is signed in
            if by_deco or guarded[-1] and self.checks_auth(u.node, reads_only=True) and not public_name(u.name):
                elsewhere = True
        for u, ok in zip(views, guarded):
            if ok:
                continue
            words = set(name_words(u.name))
            for d in u.node.decorator_list:
                if isinstance(d, ast.Call):
                    for a in d.args[:1]:
                        if isinstance(a, ast.Constant) and isinstance(a.value, str):
                            words |= set(name_words(a.value))
            if words & PUBLIC_WORDS or public_name(u.name) or not words & CRITICAL_WORDS:
                continue
            what = ", ".join(sorted(words & CRITICAL_WORDS))
            if elsewhere:
                self.flag(u.node, "missing-authentication", "CWE-306", "high",
                          "%s() (%s) checks no signed-in user, though this app authenticates elsewhere (%s): anyone "
                          "who knows the URL gets in." % (u.name, what, ", ".join(sorted(decorators)) or
                                                          "other handlers check the user"),
                          "Protect the handler like the others: the login decorator, or check the session/user "
                          "first and refuse (redirect to the login page, 401/403).")
            else:
                self.flag(u.node, "missing-authentication", "CWE-306", "medium",
                          "%s() (%s) checks no signed-in user: make sure something in front of it does." % (u.name,
                                                                                                          what),
                          "Check the session/user first (a login decorator) and refuse with 401/403.")

    def checks_auth(self, fn, nested=False, reads_only=False):
        """Whether a function reads who is signed in (session, current_user, request.user, g.user, a token
        header) or (unless reads_only) calls something that checks credentials."""
        nodes = ast.walk(fn) if nested else walk_local(fn.body)
        for n in nodes:
            if isinstance(n, ast.Name) and n.id in ("session", "current_user", "login_session"):
                return True
            if isinstance(n, ast.Attribute) and (n.attr in ("is_authenticated", "is_anonymous", "is_staff",
                                                            "is_superuser", "has_perm", "authorization") or (
                    n.attr == "user" and short(n.value, 40) in ("request", "g", "self.request")) or (
                    n.attr == "session" and short(n.value, 40) in ("request", "flask"))):
                return True
            if isinstance(n, ast.Call) and not reads_only:
                words = set(name_words(terminal_name(n.func) or ""))
                if words & {"authenticate", "authenticated", "authorize", "authorized", "login", "logged"} or (
                        words & {"check", "verify", "validate", "require", "requires", "ensure", "is", "has"} and
                        words & {"auth", "token", "user", "admin", "login", "password", "credentials", "permission",
                                 "permissions", "role", "session", "api", "key", "signature"}):
                    return True
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.lower() in (
                    "authorization", "x-api-key", "x-auth-token"):
                return True
        return False

    def check_off_by_one(self, loop, test, body):
        """`while i <= len(a)` or `for i in range(len(a) + 1)` with a[i] in the body: the last round
        indexes one past the end (CWE-193)."""
        pairs = []
        if test is not None and isinstance(test, ast.Compare) and len(test.ops) == 1:
            left, op, right = test.left, test.ops[0], test.comparators[0]
            if isinstance(op, ast.GtE):
                left, right, op = right, left, ast.LtE()
            if isinstance(op, ast.LtE) and isinstance(left, ast.Name) and is_len_call(right):
                pairs.append((left.id, right.args[0].id))
        elif test is None and isinstance(loop.target, ast.Name) and isinstance(loop.iter, ast.Call) and \
                short(loop.iter.func) == "range" and loop.iter.args:
            end = loop.iter.args[-1] if len(loop.iter.args) <= 2 else None
            if isinstance(end, ast.BinOp) and isinstance(end.op, ast.Add) and is_len_call(end.left) and \
                    isinstance(end.right, ast.Constant) and end.right.value == 1:
                pairs.append((loop.target.id, end.left.args[0].id))
        for idx, seq in pairs:
            grows = False
            hit = None
            for n in walk_local(body):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(
                        n.func.value, ast.Name) and n.func.value.id == seq and n.func.attr in (
                        "append", "extend", "insert", "pop", "remove", "clear"):
                    grows = True
                if isinstance(n, ast.Name) and n.id == seq and isinstance(n.ctx, ast.Store):
                    grows = True
                if isinstance(n, ast.Compare) and any(isinstance(x, ast.Name) and x.id == idx for x in ast.walk(n)) \
                        and any(is_len_call(x) for x in ast.walk(n)):
                    grows = True  # the body checks the index against the length itself
                if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == seq and \
                        isinstance(n.slice, ast.Name) and n.slice.id == idx and hit is None:
                    hit = n
            if hit is not None and not grows:
                self.flag(hit, "off-by-one", "CWE-193", "high",
                          "The loop lets %s reach len(%s), and %s[%s] then indexes one past the last item "
                          "(IndexError on the last round)." % (idx, seq, seq, idx),
                          "Loop while %s < len(%s) (or for %s in range(len(%s)))." % (idx, seq, idx, seq))

    def check_endless_loop(self, loop, local_names):
        """A while loop whose condition reads only local names that nothing in the loop changes, with no
        way out (break, return, raise): once entered it never ends (CWE-835)."""
        test = loop.test
        names = set()
        for n in ast.walk(test):
            if isinstance(n, ast.Name):
                names.add(n.id)
            elif isinstance(n, ast.Call):
                if not (isinstance(n.func, ast.Name) and n.func.id in ("len", "abs", "min", "max") and all(
                        isinstance(a, (ast.Name, ast.Constant)) for a in n.args) and not n.keywords):
                    return
            elif not isinstance(n, (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.BinOp, ast.Constant, ast.Load,
                                    ast.cmpop, ast.boolop, ast.unaryop, ast.operator)):
                return
        names -= {"len", "abs", "min", "max"}
        if not names or not names <= local_names:
            return
        for n in ast.walk(ast.Module(body=loop.body + loop.orelse, type_ignores=[])):
            if isinstance(n, (ast.Break, ast.Return, ast.Raise, ast.Yield, ast.YieldFrom, ast.Await, ast.Global,
                              ast.Nonlocal, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Try)):
                return
            if isinstance(n, ast.Name) and n.id in names and not isinstance(n.ctx, ast.Load):
                return  # assigned or deleted
            if isinstance(n, ast.Call):
                f = short(n.func, 80)
                if f in ("exit", "quit", "sys.exit", "os._exit", "os.abort", "input", "next") or f.endswith(
                        ("exit", "raise_error")):
                    return
                if isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) and \
                        n.func.value.id in names:
                    return  # a method of the object may change it
                for a in list(n.args) + [k.value for k in n.keywords]:
                    if any(isinstance(x, ast.Name) and x.id in names for x in ast.walk(a)):
                        return  # handed to a call that may change it
            if isinstance(n, (ast.Subscript, ast.Attribute)) and not isinstance(n.ctx, ast.Load) and \
                    any(isinstance(x, ast.Name) and x.id in names for x in ast.walk(n)):
                return
        self.flag(loop, "infinite-loop", "CWE-835", "high",
                  "Nothing in this loop changes %s, which its condition (%s) reads, and nothing leaves it: once "
                  "entered it never ends." % (", ".join(sorted(names)), short(test, 60)),
                  "Update the loop variable in the body (e.g. i += 1), or leave the loop with break when done.")

    def check_swallowed_error(self, u):
        """The function's last statement is a try whose body returns a value and whose handler of a failure
        (ValueError, Exception...) does nothing: the error is dropped and the caller gets None as if it were
        the result (CWE-390)."""
        body = u.node.body
        last = body[-1] if body else None
        if not isinstance(last, ast.Try) or last.finalbody or last.orelse:
            return
        if not any(isinstance(n, ast.Return) and n.value is not None and not (
                isinstance(n.value, ast.Constant) and n.value.value is None) for n in walk_local(last.body)):
            return
        # failures of checking or converting data (not the end of input, a missing module or file)
        failures = {"ValueError", "TypeError", "Exception", "BaseException", "KeyError", "IndexError", "LookupError",
                    "UnicodeError", "UnicodeDecodeError", "JSONDecodeError", "ArithmeticError", "ZeroDivisionError",
                    "OverflowError", "AssertionError"}
        for h in last.handlers:
            if not all(isinstance(x, ast.Pass) or isinstance(x, ast.Expr) and isinstance(x.value, ast.Constant)
                       for x in h.body):
                continue
            caught = [] if h.type is None else [short(x, 60).rsplit(".", 1)[-1] for x in (
                h.type.elts if isinstance(h.type, ast.Tuple) else [h.type])]
            if caught and not all(c in failures for c in caught):
                continue
            self.flag(h, "swallowed-error", "CWE-390", "high",
                      "%s() catches %s and does nothing: the failure is dropped and the caller gets None in place "
                      "of a result, as if nothing went wrong." % (u.name, ", ".join(caught) or "every exception"),
                      "Handle the error: return a checked fallback, re-raise it (raise ValueError(...) from e), or "
                      "ask again; never pass silently.")
            return

    def check_local_lock(self, u, nodes, declared):
        """A lock made inside the function that takes it: every call gets a lock of its own, so it keeps
        no other thread out (CWE-667)."""
        made = {}
        for n in nodes:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and \
                    isinstance(n.value, ast.Call):
                f = short(n.value.func, 80)
                if re.fullmatch(r"(threading\.|multiprocessing\.|asyncio\.)?(Lock|RLock|Semaphore|"
                                r"BoundedSemaphore)", f) and (f.startswith(("threading.", "multiprocessing.",
                                                                            "asyncio.")) or self.imports & {
                        "threading.Lock", "threading.RLock", "threading.Semaphore", "threading.BoundedSemaphore"}):
                    made[n.targets[0].id] = n
        nested = set()
        for n in ast.walk(u.node):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) and n is not u.node:
                nested.update(x.id for x in ast.walk(n) if isinstance(x, ast.Name))
        for name, assign in made.items():
            if name in declared or name in nested:  # a nested function (a thread's target) shares it
                continue
            taken = escapes = False
            for n in nodes:
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(
                        n.func.value, ast.Name) and n.func.value.id == name and n.func.attr == "acquire":
                    taken = True
                elif isinstance(n, (ast.With, ast.AsyncWith)) and any(
                        isinstance(i.context_expr, ast.Name) and i.context_expr.id == name for i in n.items):
                    taken = True
                elif isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load):
                    parent_ok = False
                    for p in nodes:
                        if isinstance(p, ast.Attribute) and p.value is n:
                            parent_ok = True
                            break
                        if isinstance(p, ast.withitem) and p.context_expr is n:
                            parent_ok = True
                            break
                    if not parent_ok:
                        escapes = True  # returned, stored, handed to a thread: shared after all
            if taken and not escapes:
                self.flag(assign, "local-lock", "CWE-667", "high",
                          "%s() makes the lock %r each time it runs: every call (every thread) takes a lock of "
                          "its own, so the lock keeps no other thread out." % (u.name, name),
                          "Make the lock once, where the data it guards lives (a module-level or instance "
                          "attribute lock), and take that one.")

    def check_secret_loop_compare(self, u, nodes):
        """A secret compared item by item, leaving at the first difference: how long the check takes tells
        an attacker how much of a guess is right (a timing channel, CWE-385)."""
        for n in nodes:
            if not isinstance(n, (ast.For, ast.While)):
                continue
            for st in walk_local(n.body):
                if not isinstance(st, ast.If) or not isinstance(st.test, ast.Compare) or not isinstance(
                        st.test.ops[0], (ast.NotEq, ast.Eq)) or len(st.test.ops) != 1:
                    continue
                sides = [st.test.left, st.test.comparators[0]]
                if not all(isinstance(x, ast.Subscript) for x in sides):
                    continue
                names = [terminal_name(x.value) or "" for x in sides]
                if not any(secret_kind(x) in ("password", "secret") or set(name_words(x)) & (
                        PASSWORD_WORDS | {"secret", "token", "digest", "signature", "mac", "hmac", "otp"})
                           for x in names):
                    continue
                exits = st.body if isinstance(st.test.ops[0], ast.NotEq) else st.orelse
                if any(isinstance(x, (ast.Return, ast.Break)) for x in exits):
                    self.flag(st, "timing-compare", "CWE-385", "high",
                              "%s() compares %s item by item and stops at the first difference: the time it takes "
                              "tells an attacker how much of a guess is right." % (u.name, " and ".join(names)),
                              "Compare secrets in constant time: hmac.compare_digest(a, b) (on hashes, not on "
                              "plaintext passwords).")
                    break

    def check_privileges(self, body):
        """Privileges raised, then lowered by a call that an exception in between skips (not in a finally):
        the program goes on with raised privileges (CWE-269)."""
        def kind(st):
            if not isinstance(st, ast.Expr) or not isinstance(st.value, ast.Call):
                return None
            call = st.value
            f = short(call.func, 80)
            if f in ("os.setuid", "os.seteuid", "os.setreuid", "os.setresuid", "os.setgid", "os.setegid"):
                root = any(isinstance(a, ast.Constant) and a.value == 0 for a in call.args)
                return "raise" if root else "lower"
            words = set(name_words(terminal_name(call.func) or ""))
            if words & {"privilege", "privileges", "privs", "priv", "root", "admin", "sudo"}:
                if words & {"raise", "elevate", "escalate", "gain", "become", "acquire", "grant", "enable"}:
                    return "raise"
                if words & {"lower", "drop", "revoke", "release", "shed", "reduce", "restore", "disable"}:
                    return "lower"
            return None

        def scan(stmts, protected):
            for i, st in enumerate(stmts):
                if kind(st) == "raise":
                    rest = stmts[i + 1:]
                    for j, later in enumerate(rest):
                        if kind(later) == "lower":
                            if j > 0 and not protected:
                                self.flag(st, "privilege-not-dropped", "CWE-269", "high",
                                          "Privileges raised here are lowered on line %d only when nothing in "
                                          "between raises an exception: otherwise the program goes on privileged."
                                          % later.lineno,
                                          "Lower the privileges in a finally: block (try: ... finally: "
                                          "lower_privileges()), and raise them for as little code as possible.")
                            break
                if isinstance(st, ast.Try) or getattr(ast, "TryStar", None) is type(st):
                    fin = any(kind(x) == "lower" for x in st.finalbody)
                    scan(st.body, protected or fin)
                    for h in st.handlers:
                        scan(h.body, protected)
                    scan(st.orelse, protected)
                    scan(st.finalbody, protected)
                elif isinstance(st, (ast.If, ast.For, ast.While, ast.With, ast.AsyncFor, ast.AsyncWith)):
                    scan(st.body, protected)
                    scan(getattr(st, "orelse", []), protected)

        scan(body, False)

    def check_unchecked_none(self):
        """A function of this file that returns None on some path, its result used straight away (len(),
        an index, an attribute, a loop): on that path the program fails (CWE-690)."""
        may_none = {}
        for u in self.units[1:]:
            rets = [n for n in walk_local(u.node.body) if isinstance(n, ast.Return)]
            none = [r for r in rets if r.value is None or isinstance(r.value, ast.Constant) and r.value.value is None]
            if none and len(none) < len(rets) and u.node.name not in may_none:
                may_none[u.node.name] = (u, none[0])
        if not may_none:
            return
        defined = {}
        for u in self.units[1:]:
            defined[u.node.name] = defined.get(u.node.name, 0) + 1
        for n in ast.walk(self.tree):
            uses = []
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("len", "sorted", "sum",
                                                                                       "list", "tuple", "set",
                                                                                       "max", "min") and n.args:
                uses.append((n.args[0], "%s() of it" % n.func.id))
            elif isinstance(n, ast.Subscript):
                uses.append((n.value, "an index into it"))
            elif isinstance(n, ast.Attribute):
                uses.append((n.value, "its attribute .%s" % n.attr))
            elif isinstance(n, (ast.For, ast.comprehension)):
                uses.append((n.iter, "a loop over it"))
            for val, how in uses:
                if isinstance(val, ast.Call) and isinstance(val.func, ast.Name) and val.func.id in may_none and \
                        defined.get(val.func.id) == 1:
                    u, ret = may_none[val.func.id]
                    self.flag(val, "unchecked-none", "CWE-690", "high",
                              "%s() returns None on line %d, and its result is used here without a check (%s): "
                              "on that path the program fails with a TypeError or AttributeError." % (
                                  val.func.id, ret.lineno, how),
                              "Check the result first (if result is None: handle it), or make the function raise "
                              "instead of returning None.")

    # -------------------------------------------------------------------------------------- guards --

    def guards(self, test, env):
        """Names an if-test validates, with the sink families it validates them for ('all': any)."""
        out = {}

        def add(node, fams):
            name = node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr == "filename":
                name = node.value.id
            if name:
                out.setdefault(name, set()).update(fams)

        def names_in(node):
            return [n for n in ast.walk(node) if isinstance(n, ast.Name)]

        for n in ast.walk(test):
            if isinstance(n, ast.Compare):
                left = n.left
                for op, right in zip(n.ops, n.comparators):
                    if isinstance(op, (ast.In, ast.NotIn)):
                        lconst = isinstance(left, ast.Constant)
                        if lconst and isinstance(left.value, str) and (".." in left.value or left.value in ("/", "\\")):
                            for x in names_in(right):
                                add(x, {"path"})
                        elif not lconst and isinstance(right, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Name,
                                                               ast.Attribute, ast.Call)):
                            rv = self.ev(right, dict(env))
                            if not rv.src:
                                target = left
                                if isinstance(left, ast.Call) and isinstance(left.func, ast.Attribute) and \
                                        left.func.attr in ("lower", "upper", "strip", "casefold"):
                                    target = left.func.value
                                if isinstance(left, ast.Subscript) and isinstance(left.value, ast.Call):
                                    # os.path.splitext(name)[1] in ALLOWED: an extension check
                                    for x in names_in(left):
                                        add(x, {"upload"})
                                    continue
                                add(target, {"all"})
                    elif isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)):
                        for a, b in ((left, right), (right, left)):
                            if isinstance(b, ast.Constant) or (isinstance(b, ast.Name) and not (
                                    (self.lookup(b.id, env) or EMPTY).src)):
                                if isinstance(a, ast.Name):
                                    add(a, {"all"})
                            if isinstance(a, ast.Call) and short(a.func, 60) in ("os.path.commonpath",
                                                                                  "os.path.commonprefix"):
                                for x in names_in(a):
                                    add(x, {"path"})
                            if isinstance(a, ast.Attribute) and a.attr in ("netloc", "hostname", "scheme") and \
                                    isinstance(a.value, ast.Call) and short(a.value.func, 60).endswith(
                                        ("urlparse", "urlsplit")):
                                for x in names_in(a.value):
                                    add(x, {"redirect", "ssrf"})
                    if isinstance(left, ast.Attribute) and left.attr in ("netloc", "hostname") and isinstance(
                            left.value, ast.Call):
                        for x in names_in(left.value):
                            add(x, {"redirect", "ssrf"})
                    left = right
            elif isinstance(n, ast.Call):
                f = n.func
                fname = short(f, 80)
                if isinstance(f, ast.Attribute) and f.attr in ("isdigit", "isnumeric", "isalnum", "isalpha",
                                                               "isdecimal", "isidentifier"):
                    add(f.value, {"all"})
                elif isinstance(f, ast.Attribute) and f.attr in ("startswith", "endswith") and n.args:
                    arg = self.ev(n.args[0], dict(env))
                    recv = self.ev(f.value, dict(env))
                    prefixes = arg.const if isinstance(arg.const, tuple) else (arg.const,)
                    if f.attr == "startswith":
                        if "normpath" in recv.labels or any(isinstance(p, str) and p.startswith("/") and
                                                            not p.startswith("//") for p in prefixes):
                            add(f.value, {"path", "redirect"})
                        if prefixes and all(isinstance(p, str) and URL_WITH_PATH.match(p) for p in prefixes):
                            add(f.value, {"redirect", "ssrf"})
                        elif any(isinstance(p, str) and HOSTLIKE.match(p) and "://" in p for p in prefixes) and recv.src:
                            self.flag(n, "incomplete-url-check", "CWE-20", "high",
                                      "startswith(%r) also accepts %s.evil.example: the host is not checked whole." % (
                                          prefixes[0], prefixes[0].rstrip("/")),
                                      "Parse the URL and compare urlparse(url).hostname with an allow-list, or check "
                                      "a prefix that ends with '/'.")
                    else:
                        if any(isinstance(p, str) and p.startswith(".") and len(p) <= 6 for p in prefixes):
                            add(f.value, {"upload"})
                        if any(isinstance(p, str) and HOSTLIKE.match(p) for p in prefixes) and recv.src:
                            self.flag(n, "incomplete-url-check", "CWE-20", "high",
                                      "endswith(%r) also accepts evil-%s: the host is not checked whole." % (
                                          prefixes[0], prefixes[0]),
                                      "Compare urlparse(url).hostname with an allow-list (or check '.' + domain).")
                elif fname in ("re.fullmatch", "re.match", "re.search", "regex.fullmatch", "regex.match") and len(
                        n.args) >= 2:
                    pat = self.ev(n.args[0], dict(env))
                    if regex_anchored(pat.const, fname.rsplit(".", 1)[-1]):
                        add(n.args[1], {"all"})
                elif isinstance(f, ast.Attribute) and f.attr in ("fullmatch", "match", "search") and n.args:
                    pv = self.ev(f.value, dict(env))
                    if pv.kind and pv.kind[0] == "pattern" and regex_anchored(pv.kind[1], f.attr):
                        add(n.args[0], {"all"})
                elif fname == "isinstance" and len(n.args) == 2:
                    t = short(n.args[1], 80)
                    if re.fullmatch(r"\(?\s*(int|float|bool)(\s*,\s*(int|float|bool))*\s*,?\s*\)?", t):
                        add(n.args[0], {"all"})
                elif fname.endswith(("url_has_allowed_host_and_scheme", "is_safe_url")) and n.args:
                    add(n.args[0], {"redirect", "ssrf"})
                elif isinstance(f, ast.Name) and VALIDATOR_NAME.search(f.id):
                    v = self.lookup(f.id, env)
                    if v is not None and v.kind and v.kind[0] == "func":
                        for a in n.args:
                            for x in names_in(a):
                                add(x, {"all", "upload"})
        return {k: frozenset(v) for k, v in out.items()}


# ------------------------------------------------------------------------------------- main --


def walk_local(stmts):
    """The nodes of statements, without going into nested functions, lambdas or classes."""
    todo = list(stmts)
    while todo:
        n = todo.pop()
        yield n
        for child in ast.iter_child_nodes(n):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                todo.append(child)


def is_len_call(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(
        node.args) == 1 and isinstance(node.args[0], ast.Name)


def looks_like_python2(text):
    return bool(re.search(r"(?m)^\s*print\s+[^\s(=][^=]*$|^\s*exec\s+[\"']|except\s+\w+\s*,\s*\w+\s*:|"
                          r"^\s*raise\s+\w+\s*,|\bur[\"']|0[0-7]+L?\b(?!\.)|`[^`]+`", text))


def unparsable(reason, text, line=1, column=1):
    py2 = looks_like_python2(text)
    what = "looks like Python 2, which" if py2 else "does not parse as Python 3, so it"
    return {
        "rule": "unparsable", "cwe": "CWE-710", "severity": "medium", "line": max(1, line or 1),
        "column": max(1, column or 1),
        "message": "The program %s could not be analysed for security weaknesses (%s). Nothing here says it is "
                   "safe." % (what, reason[:200]),
        "fix": "Write Python 3 that parses (python3 -m py_compile main.py shows the error)." + (
            " Python 2's print statement is print(...) in Python 3." if py2 else ""),
    }


def analyze_source(data, budget=TIME_BUDGET_S):
    """Findings (dicts) and, when the analysis stopped early, why."""
    if len(data) > MAX_SOURCE_BYTES:
        return [], "source larger than %d bytes" % MAX_SOURCE_BYTES
    text = data.decode("utf-8", "replace")
    try:
        tree = ast.parse(data, filename="main.py")
    except SyntaxError as e:
        where = ", line %d" % e.lineno if e.lineno else ""
        return [unparsable("%s%s" % (e.msg, where), text, e.lineno or 1, e.offset or 1)], None
    except (ValueError, MemoryError, RecursionError, OverflowError) as e:
        return [unparsable(type(e).__name__ + ": " + str(e)[:100], text)], None
    start = time.monotonic()
    incomplete = None
    try:
        a = Analyzer(tree, text, start + budget / 2)
    except RecursionError:
        return [], "nesting too deep"
    try:
        a.run(start + budget)
    except Budget:
        incomplete = "time budget of %.0f s used up" % budget
    except RecursionError:
        incomplete = "nesting too deep"
    if a.too_deep and not incomplete:
        incomplete = "parts nested too deeply were followed roughly"
    out = sorted(a.findings.values(), key=lambda f: (f["line"], f["cwe"]))
    return out[:500], incomplete


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: bastion_taint.py FILE\n")
        return 2
    try:
        with open(argv[1], "rb") as f:
            data = f.read(MAX_SOURCE_BYTES + 1)
    except OSError as e:
        sys.stderr.write("cannot read %s: %s\n" % (argv[1], e))
        return 2
    result = {}

    def work():
        try:
            result["findings"], result["incomplete"] = analyze_source(data)
        except Exception as e:  # a bug here must not cost the submission its other analyzers
            result["findings"], result["incomplete"] = [], "internal error: %s: %s" % (type(e).__name__, str(e)[:200])

    sys.setrecursionlimit(60000)
    threading.stack_size(256 * 1024 * 1024)
    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(TIME_BUDGET_S + 4)
    if t.is_alive():
        result = {"findings": [], "incomplete": "analysis did not finish"}
    json.dump({"tool": TOOL, "version": VERSION, "findings": result.get("findings", []),
               "incomplete": result.get("incomplete")}, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
