"""The matching core imports no web, database or task-queue package."""

import subprocess
import sys


def test_importing_matchcore_loads_no_flask_sqlalchemy_or_celery():
    code = (
        "import sys, incubator.matchcore, incubator.matchcore.shards, incubator.matchcore.__main__\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'sqlalchemy', 'celery'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
