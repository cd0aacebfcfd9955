"""Run language tests against an interpreter and compare with .exp files.

  run_test.py --python INTERP TEST.py [--timeout 20]
  run_test.py --python INTERP --all DIR [--timeout 20]

Each test runs as "INTERP NAME.py" from the test's own folder.  Its combined
stdout+stderr must equal NAME.py.exp byte for byte.  The expected exit status
is 1 when the .exp ends with an uncaught-exception traceback (a "Traceback
(most recent call last):" line, then a last line such as "ValueError: bad"),
and 0 otherwise.  A timeout is a failure.  With --variant V (the 32-bit build
passes 32), NAME.py.expV is used instead where it exists: it holds the output
that differs on that build for a documented reason, e.g. sizes past the index
range raising OverflowError on 32-bit as CPython and MicroPython do there.

A test may give the interpreter extra options on a line among its first five,
"# args: OPTION...", where {tmp} stands for a fresh temporary file that is
removed afterwards (e.g. "# args: -X flash={tmp}": a new flash image).
CPython (make_exp.py) reads it as a comment.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import signal
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXC_LINE = re.compile(r'^[A-Za-z_][A-Za-z0-9_.]*(: .*)?$')
TB_LINE = 'Traceback (most recent call last):'


def expected_status(exp_text):
    """Return 1 if exp_text ends with an uncaught exception, else 0."""
    lines = exp_text.splitlines()
    if TB_LINE in lines and EXC_LINE.match(lines[-1]):
        return 1
    return 0


def header_args(path, tmp_dir):
    """The interpreter options from the test's "# args:" line ({tmp} filled in)."""
    with open(path, encoding='utf-8', errors='replace') as f:
        head = [f.readline() for _ in range(5)]
    for line in head:
        if line.startswith('# args:'):
            tmp = os.path.join(tmp_dir, 'tmp')
            return [a.replace('{tmp}', tmp)
                    for a in shlex.split(line[len('# args:'):])]
    return []


def run_one(interp, path, timeout, variant=''):
    """Run one test; return (ok, report text)."""
    with tempfile.TemporaryDirectory(prefix='replhub-test-') as tmp_dir:
        return run_in(interp, path, timeout, variant,
                      header_args(path, tmp_dir))


def run_in(interp, path, timeout, variant, extra):
    """Run one test with [extra] interpreter options; return (ok, report)."""
    path = os.path.abspath(path)
    if os.sep in interp:
        interp = os.path.abspath(interp)
    else:
        interp = shutil.which(interp) or interp
    exp_path = path + '.exp'
    if variant and os.path.exists(exp_path + variant):
        exp_path += variant
    try:
        with open(exp_path, 'rb') as f:
            exp = f.read()
    except OSError:
        return False, '%s: missing .exp file' % path
    env = dict(os.environ, PYTHONIOENCODING='utf-8',
               PYTHONDONTWRITEBYTECODE='1')
    try:
        proc = subprocess.Popen(
            [interp, *extra, os.path.basename(path)],
            cwd=os.path.dirname(path),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, env=env, start_new_session=True)
    except OSError as e:
        return False, '%s: cannot run %s: %s' % (path, interp, e)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return False, '%s: TIMEOUT after %gs' % (path, timeout)
    exp_text = exp.decode('utf-8', 'replace')
    want = expected_status(exp_text)
    problems = []
    if out != exp:
        problems.append('output differs')
    if proc.returncode != want:
        problems.append('exit status %d, expected %d'
                        % (proc.returncode, want))
    if not problems:
        return True, ''
    report = '%s: %s' % (path, ', '.join(problems))
    if out != exp:
        diff = difflib.unified_diff(
            exp_text.splitlines(True),
            out.decode('utf-8', 'replace').splitlines(True),
            'expected', 'actual')
        report += '\n' + ''.join(diff)
    return False, report


def find_tests(root):
    """Yield the test programs under root, sorted, skipping the tools."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != '__pycache__')
        if os.path.abspath(dirpath) == HERE:
            continue
        for name in sorted(filenames):
            if name.endswith('.py'):
                yield os.path.join(dirpath, name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--python', required=True, help='interpreter to test')
    ap.add_argument('--all', metavar='DIR', help='run every test under DIR')
    ap.add_argument('--timeout', type=float, default=20)
    ap.add_argument('--variant', default='',
                    help='use NAME.py.expVARIANT where it exists (e.g. 32)')
    ap.add_argument('test', nargs='?', help='one test program')
    args = ap.parse_args()
    if bool(args.all) == bool(args.test):
        ap.error('give exactly one of TEST.py or --all DIR')
    if args.test:
        ok, report = run_one(args.python, args.test, args.timeout,
                             args.variant)
        if not ok:
            print(report)
        sys.exit(0 if ok else 1)
    tests = list(find_tests(args.all))
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for ok, report in pool.map(
                lambda t: run_one(args.python, t, args.timeout,
                                  args.variant), tests):
            if ok:
                passed += 1
            else:
                failed += 1
                print('FAIL ' + report.splitlines()[0])
    print('%d passed, %d failed' % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
