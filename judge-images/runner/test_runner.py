#!/usr/bin/env python3
"""End-to-end test of bastion-runner inside bastion-judge-c with the real sandbox flags.

    python3 judge-images/runner/test_runner.py [image]
    BASTION_RUNNER_BIN=/tmp/bastion-runner python3 judge-images/runner/test_runner.py   # dev binary

Prints one PASS/FAIL line per case; exits non-zero if any case fails.
"""
import os
import subprocess
import sys
import time

IMAGE = sys.argv[1] if len(sys.argv) > 1 else "bastion-judge-c"
DOCKER = [
    "docker", "run", "-i", "--rm", "--network", "none", "--read-only",
    "--tmpfs", "/box:rw,exec,nosuid,nodev,size=64m,uid=1000,gid=1000,mode=0755",
    "--tmpfs", "/tmp:rw,nosuid,nodev,size=16m,uid=1000,gid=1000,mode=1777",
    "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
    "--memory", "256m", "--memory-swap", "256m", "--pids-limit", "64", "--cpus", "1",
    "--ulimit", "nofile=256:256", "--ulimit", "fsize=67108864:67108864", "--ulimit", "core=0",
    "--user", "1000:1000",
]
# BASTION_RUNNER_BIN=/path/to/bastion-runner: test a freshly compiled runner without rebuilding images
if os.environ.get("BASTION_RUNNER_BIN"):
    DOCKER += ["-v", os.path.abspath(os.environ["BASTION_RUNNER_BIN"]) + ":/usr/local/bin/bastion-runner:ro"]
if os.environ.get("BASTION_SANDBOX_RUNTIME"):
    DOCKER += ["--runtime", os.environ["BASTION_SANDBOX_RUNTIME"]]
DOCKER.append(IMAGE)


class Runner:
    def __init__(self):
        self.p = subprocess.Popen(DOCKER, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def line(self):
        l = self.p.stdout.readline()
        if not l:
            raise EOFError("runner closed its stdout")
        return l.decode().rstrip("\n")

    def ping(self):
        self.p.stdin.write(b"PING\n")
        self.p.stdin.flush()
        return self.line()

    def file(self, path, data, mode="644"):
        if isinstance(data, str):
            data = data.encode()
        self.p.stdin.write(b"FILE %s %s %d\n" % (path.encode(), mode.encode(), len(data)) + data)
        self.p.stdin.flush()
        return self.line()

    def run(self, argv, stdin=b"", cpu=2000, wall=5000, cap=1 << 16, mem=None):
        a = b"".join(x.encode() + b"\0" for x in argv)
        hdr = "RUN %d %d %d %d %d" % (cpu, wall, cap, len(stdin), len(a))
        if mem is not None:
            hdr += " %d" % mem
        self.p.stdin.write(hdr.encode() + b"\n" + stdin + a)
        self.p.stdin.flush()
        h = self.line().split()
        if h[0] != "RESULT":
            raise RuntimeError("bad reply: %r" % h)
        res = dict(status=h[1], exit=int(h[2]), signal=int(h[3]), cpu=int(h[4]), wall=int(h[5]), mem=int(h[6]))
        res["stdout"] = self.p.stdout.read(int(h[7]))
        res["stderr"] = self.p.stdout.read(int(h[8]))
        return res

    def close(self):
        try:
            self.p.stdin.close()
        except Exception:
            pass
        try:
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


PROGRAMS = {
    "echo": r'''#include <stdio.h>
int main(void){char b[4096];size_t n;while((n=fread(b,1,sizeof b,stdin))>0)fwrite(b,1,n,stdout);return 0;}''',
    "exit3": "int main(void){return 3;}",
    "segv": "int main(void){volatile int *p=0;*p=1;return 0;}",
    "loop": "int main(void){volatile unsigned long x=0;for(;;)x++;}",
    "sleep": "#include <unistd.h>\nint main(void){sleep(100);return 0;}",
    "mem": r'''#include <stdlib.h>
#include <string.h>
int main(void){size_t n=(size_t)1<<30;volatile char*p=malloc(n);if(!p)return 9;
for(size_t i=0;i<n;i+=4096)p[i]=1;return p[n-1]==0;}''',
    "flood": r'''#include <stdio.h>
int main(void){for(;;)printf("flood flood flood flood\n");}''',
    "forkbomb": r'''#include <unistd.h>
int main(void){for(;;)fork();}''',
    "bg": r'''#include <unistd.h>
#include <stdio.h>
int main(void){if(fork()==0){setsid();if(fork()==0){sleep(100);} _exit(0);} puts("parent done");return 0;}''',
    "killall": r'''#include <signal.h>
#include <stdio.h>
int main(void){int r=kill(-1,SIGKILL);printf("kill=%d\n",r);return 0;}''',
    "environ": r'''#include <stdio.h>
int main(void){FILE*f=fopen("/proc/1/environ","r");if(!f){perror("open");return 1;}
int c=fgetc(f);printf("read %d\n",c);return c==EOF?1:0;}''',
}

results = []


def check(name, cond, info=""):
    results.append(bool(cond))
    print("%s %-22s %s" % ("PASS" if cond else "FAIL", name, info), flush=True)


def brief(r):
    return "status=%s exit=%d sig=%d cpu=%dms wall=%dms mem=%dkB out=%d err=%r" % (
        r["status"], r["exit"], r["signal"], r["cpu"], r["wall"], r["mem"], len(r["stdout"]), r["stderr"][:120])


def main():
    R = Runner()
    try:
        t = time.monotonic()
        check("ping", R.ping() == "PONG", "%.1f ms" % ((time.monotonic() - t) * 1000))
        check("file-reject-abs", R.file("/etc/x", "x").startswith("ERR"))
        check("file-reject-dotdot", R.file("a/../../x", "x").startswith("ERR"))
        check("file-subdir", R.file("sub/dir/f.txt", "hello") == "OK")
        r = R.run(["cat", "sub/dir/f.txt"])
        check("file-content", r["status"] == "OK" and r["stdout"] == b"hello", brief(r))

        for name, src in PROGRAMS.items():
            assert R.file("%s.c" % name, src) == "OK"
            r = R.run(["/bin/sh", "-c", "gcc -O2 -o %s %s.c" % (name, name)], cpu=10000, wall=30000)
            if r["status"] != "OK":
                check("compile-" + name, False, brief(r))
        check("compile", all(results), "")

        t = time.monotonic()
        r = R.run(["true"])
        check("trivial-run", r["status"] == "OK", "%.1f ms round trip" % ((time.monotonic() - t) * 1000))

        data = bytes(range(256)) * 1000 + b"\0end"
        r = R.run(["./echo"], stdin=data, cap=1 << 20)
        check("echo", r["status"] == "OK" and r["stdout"] == data and r["exit"] == 0, brief(r))

        r = R.run(["./exit3"])
        check("exit3", r["status"] == "RE" and r["exit"] == 3, brief(r))

        r = R.run(["./segv"])
        check("segfault", r["status"] == "RE" and r["signal"] == 11, brief(r))

        r = R.run(["./loop"], cpu=1000, wall=60000)
        # ended by its CPU limit (used up), long before the wall limit on any machine: no clock bound
        check("cpu-loop", r["status"] == "TLE" and r["cpu"] >= 1000, brief(r))

        r = R.run(["./sleep"], cpu=1000, wall=1000)
        # ended by its wall limit (reached), with its CPU limit far from used
        check("sleep-wall", r["status"] == "TLE" and r["wall"] >= 1000 and r["cpu"] < 1000, brief(r))

        r = R.run(["./mem"], cpu=5000, wall=10000)
        check("mle-1g", r["status"] == "MLE", brief(r))

        r = R.run(["./echo"], stdin=b"x" * 5000, mem=100)
        check("mle-by-maxrss", r["status"] == "MLE", brief(r))

        cap = 10000
        r = R.run(["./flood"], cap=cap)
        check("ole", r["status"] == "OLE" and len(r["stdout"]) == cap, brief(r))

        r = R.run(["./forkbomb"], cpu=1000, wall=2000)
        check("forkbomb", r["status"] in ("TLE", "RE", "OK"), brief(r))
        check("ping-after-forkbomb", R.ping() == "PONG")

        r = R.run(["./bg"])
        check("bg-child-run", r["status"] == "OK" and r["stdout"] == b"parent done\n", brief(r))
        r = R.run(["/bin/sh", "-c", 'ls /proc | grep -E "^[0-9]+$"'])
        pids = r["stdout"].decode().split()
        # expected: 1 (runner), sh, ls, grep
        check("no-survivors", r["status"] == "OK" and "1" in pids and len(pids) <= 4, "pids=%s" % pids)

        r = R.run(["./killall"])
        check("kill-minus-1", r["status"] == "OK", brief(r))
        check("ping-after-kill-1", R.ping() == "PONG")

        r = R.run(["./environ"])
        check("proc1-environ", r["status"] == "RE", brief(r))

        r = R.run(["/bin/sh", "-c", "env | sort"])
        env = set(r["stdout"].decode().split("\n")) - {""}
        check("clean-env", env == {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                   "HOME=/box", "TMPDIR=/tmp", "LANG=C.UTF-8", "PWD=/box"}, str(sorted(env)))

        r = R.run(["/bin/sh", "-c", "ls -l /proc/self/fd/ | wc -l"])
        check("fds-closed", r["status"] == "OK" and r["stdout"].strip() == b"5", brief(r) + " " + r["stdout"].decode().strip())

        r = R.run(["/no/such/program"])
        check("exec-missing", r["status"] == "RE" and r["exit"] == 127, brief(r))

        r = R.run(["/bin/sh", "-c", "sleep 30 & sleep 30 & echo started"], wall=3000)
        # OK (not TLE at the 3 s wall limit): the runner did not wait for the 30 s background sleeps
        check("bg-holds-pipe", r["status"] == "OK" and r["stdout"] == b"started\n", brief(r))

        t = time.monotonic()
        n = 20
        for _ in range(n):
            R.ping()
        ping_ms = (time.monotonic() - t) * 1000 / n
        t = time.monotonic()
        for _ in range(n):
            R.run(["true"])
        run_ms = (time.monotonic() - t) * 1000 / n
        print("timing: PING round trip %.2f ms, trivial RUN (true) %.2f ms" % (ping_ms, run_ms))

        R.p.stdin.write(b"BOGUS\n")
        R.p.stdin.flush()
        check("malformed", R.line().startswith("ERR") and R.p.wait(timeout=10) == 2)
    except Exception as e:  # noqa
        check("exception", False, repr(e))
    finally:
        R.close()
    ok = all(results)
    print("ALL PASS" if ok else "SOME FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
