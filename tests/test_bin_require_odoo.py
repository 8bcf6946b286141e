"""``bin/serve`` and ``bin/test`` on a machine where python3 cannot import Odoo
(``require_odoo`` in ``bin/_lib.sh``): they install Odoo 19.0 from the source folder
``ODOO_SRC``, else from Odoo's source archive, and otherwise stop with one line saying
what to do. python3 is a stub here that cannot import Odoo and records the pip calls,
so nothing is installed and the machine's Odoo is left alone."""

import os
import subprocess
import tarfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
STUB = """#!/bin/bash
echo "python3 $*" >> "$STUB_LOG"
if [ "$1 $2 $3" = "-m pip install" ]; then
    for arg in "$@"; do [ -f "$arg" ] && cat "$arg" >> "$STUB_LOG.requirements"; done
    exit 0
fi
exit 1  # no Odoo here
"""
REQUIREMENTS = """babel==2.10.3
cbor2==5.4.2 ; python_version < '3.12'
gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10' and python_version < '3.12'
greenlet==2.0.2 ; sys_platform != 'win32' and python_version > '3.10' and python_version < '3.12'
psycopg2==2.9.5 ; python_version == '3.11'
python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12'
python-dateutil==2.8.2
"""


def make_source(folder):
    (folder / "odoo").mkdir(parents=True)
    (folder / "odoo" / "release.py").write_text("version_info = (19, 0, 0, FINAL, 0, '')\n")
    (folder / "requirements.txt").write_text(REQUIREMENTS)
    return folder


@pytest.fixture
def run(tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    stub = bindir / "python3"
    stub.write_text(STUB)
    stub.chmod(0o755)
    log = tmp_path / "log"

    def run(**env):
        script = f'source "{REPOSITORY}/bin/_lib.sh"; STATE_DIR="{tmp_path}/state"; require_odoo'
        environ = {k: v for k, v in os.environ.items() if k not in ("ODOO_SRC", "ODOO_ARCHIVE_URL")}
        environ.update(PATH=f"{bindir}:{environ['PATH']}", STUB_LOG=str(log), **env)
        done = subprocess.run(
            ["bash", "-c", script], env=environ, capture_output=True, text=True, timeout=60, check=False
        )
        calls = log.read_text().splitlines() if log.exists() else []
        requirements = Path(f"{log}.requirements")
        return done, calls, requirements.read_text().splitlines() if requirements.exists() else []

    return run


def test_a_wrong_source_folder_stops_with_one_line(run):
    done, calls, _requirements = run(ODOO_SRC="/nonexistent")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "ODOO_SRC=/nonexistent is not an Odoo 19.0 source folder" in done.stderr
    assert not [call for call in calls if "pip" in call]


def test_no_source_and_no_archive_stops_with_one_line(run, tmp_path):
    done, _calls, _requirements = run(ODOO_ARCHIVE_URL="http://127.0.0.1:9/odoo_19.0.latest.tar.gz")
    assert done.returncode == 1
    error = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert error == [
        "ERROR: python3 cannot import Odoo 19 and http://127.0.0.1:9/odoo_19.0.latest.tar.gz cannot be "
        "reached: set ODOO_SRC to an Odoo 19.0 source folder (see README.md)."
    ]
    assert not (tmp_path / "state" / "odoo-src").exists()


def test_installs_from_the_source_folder(run, tmp_path):
    source = make_source(tmp_path / "odoo-19.0")
    done, calls, requirements = run(ODOO_SRC=str(source))
    pip_calls = [call for call in calls if " -m pip install " in call]
    assert len(pip_calls) == 2
    assert " -r " in pip_calls[0]
    assert pip_calls[1].endswith(f"-m pip install -q -e {source}")
    assert requirements == [
        "babel==2.10.3",
        "python-dateutil==2.8.2",
        "cbor2>=5.6",
        "gevent",
        "psycopg2-binary",
    ]
    # the stub still cannot import Odoo afterwards: one line says so
    assert done.returncode == 1
    assert f"Odoo 19.0 was installed from {source} but python3 still cannot import it" in done.stderr


def test_installs_from_the_official_archive(run, tmp_path):
    source = make_source(tmp_path / "archive" / "odoo-19.0.post20261201")
    archive = tmp_path / "odoo_19.0.latest.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(source, arcname=source.name)
    done, calls, _requirements = run(ODOO_ARCHIVE_URL=archive.as_uri())
    unpacked = tmp_path / "state" / "odoo-src"
    assert (unpacked / "odoo" / "release.py").exists()
    assert any(call.endswith(f"-m pip install -q -e {unpacked}") for call in calls)
    assert "still cannot import it" in done.stderr
