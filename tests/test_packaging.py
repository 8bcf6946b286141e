"""Each add-on builds as a wheel the way OCA publishes its add-ons: a ``pyproject.toml``
with the ``whool`` build backend next to the manifest, a distribution named
``odoo-addon-<module>``, the manifest's version (plus, as OCA's, the number of commits
since the version last changed), and the dependencies taken from the manifest. whool
packages the files under git control only: every file the manifest loads must be in the
wheel. pip fetches whool from PyPI into the build environment; nothing here needs a
database."""

import ast
import email
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
# what each wheel requires: Odoo itself and the add-ons not shipped with Odoo
REQUIRES = {
    "aftersales_service": {"odoo==19.0.*", "odoo-addon-web_timeline==19.0.*"},
    "aftersales_survey": {"odoo==19.0.*", "odoo-addon-aftersales_service==19.0.*"},
    "aftersales_complaint": {"odoo==19.0.*", "odoo-addon-aftersales_survey==19.0.*"},
}


def manifest(module):
    return ast.literal_eval((REPOSITORY / module / "__manifest__.py").read_text())


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    """``{module: path of its wheel}``, built with pip as a user would."""
    out = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out)]
        + [str(REPOSITORY / module) for module in REQUIRES],
        check=True,
        timeout=600,
    )
    return {module: next(out.glob(f"odoo_addon_{module}-*.whl")) for module in REQUIRES}


@pytest.mark.parametrize("module", sorted(REQUIRES))
def test_pyproject_uses_whool_only_as_build_backend(module):
    pyproject = (REPOSITORY / module / "pyproject.toml").read_text()
    assert 'requires = ["whool"]' in pyproject
    assert 'build-backend = "whool.buildapi"' in pyproject


@pytest.mark.parametrize("module", sorted(REQUIRES))
def test_wheel_name_version_and_dependencies(wheels, module):
    version = manifest(module)["version"]
    wheel = wheels[module]
    assert re.fullmatch(rf"odoo_addon_{module}-{re.escape(version)}(\.\d+)?-py3-none-any\.whl", wheel.name)
    with zipfile.ZipFile(wheel) as archive:
        (metadata_name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
    assert metadata["Name"] == f"odoo-addon-{module}"
    assert metadata["Version"] == wheel.name.split("-")[1]
    assert metadata["Version"].startswith(version)
    assert set(metadata.get_all("Requires-Dist")) == REQUIRES[module]


@pytest.mark.parametrize("module", sorted(REQUIRES))
def test_wheel_holds_the_addon(wheels, module):
    prefix = f"odoo/addons/{module}/"
    with zipfile.ZipFile(wheels[module]) as archive:
        names = set(archive.namelist())
        packaged_manifest = archive.read(f"{prefix}__manifest__.py").decode()
    assert packaged_manifest == (REPOSITORY / module / "__manifest__.py").read_text()
    expected = manifest(module)
    for path in expected["data"] + expected.get("demo", []):
        assert prefix + path in names, f"{path} is not in the wheel (not under git control?)"
    assert f"{prefix}i18n/zh_CN.po" in names
