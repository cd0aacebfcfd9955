"""Regenerate the expected-output (.exp) files of the language test corpus.

Run with Debian's CPython:  /usr/bin/python3 tests/lang/make_exp.py [DIR...]

Every test program (a .py file in a sub-folder of tests/lang) is run with
CPython from its own folder, and its stdout is written to NAME.py.exp.
Programs whose first line is "# exp: hand" are skipped: their .exp files are
written by hand.  A program that exits non-zero, times out or writes anything
to stderr (even a warning) is an error: all such programs are reported and
the script exits 1.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HAND_MARK = '# exp: hand'
TIMEOUT = 60


def find_tests(root):
    """Yield the test programs under root, sorted, skipping the tools."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != '__pycache__')
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.endswith('.py') and os.path.dirname(
                    os.path.abspath(path)) != HERE:
                yield path


def is_hand(path):
    with open(path, encoding='utf-8') as f:
        return f.readline().strip() == HAND_MARK


def run_cpython(path):
    """Return (exit status, stdout bytes, stderr bytes) of path."""
    env = dict(os.environ, PYTHONIOENCODING='utf-8', PYTHONHASHSEED='0',
               PYTHONDONTWRITEBYTECODE='1')
    proc = subprocess.run(
        [sys.executable, os.path.basename(path)],
        cwd=os.path.dirname(os.path.abspath(path)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        timeout=TIMEOUT)
    return proc.returncode, proc.stdout, proc.stderr


def main():
    roots = sys.argv[1:] or [HERE]
    bad = []
    written = skipped = 0
    for root in roots:
        for path in find_tests(root):
            if is_hand(path):
                skipped += 1
                continue
            try:
                status, out, err = run_cpython(path)
            except subprocess.TimeoutExpired:
                bad.append('%s: timed out' % path)
                continue
            if status != 0 or err:
                bad.append('%s: exit status %d\n%s' % (
                    path, status, (out + err).decode('utf-8', 'replace')))
                continue
            with open(path + '.exp', 'wb') as f:
                f.write(out)
            written += 1
    print('%d .exp files written, %d hand-written left alone'
          % (written, skipped))
    if bad:
        print('ERROR: %d programs failed under CPython:' % len(bad))
        for msg in bad:
            print(msg)
        sys.exit(1)


if __name__ == '__main__':
    main()
