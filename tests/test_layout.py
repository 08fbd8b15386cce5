"""The code's layout keeps its promises: layered imports and modules a reader can hold.

Layers, lowest first (README, Layout): the building blocks both apps use
(portal's roles, people, mail, model_fields, progress, listing, decorators,
converters and settings), then policies, then exceptions (cases point at policies), then the
portal's own apps (search, insights, approvals, webhooks, api), then the portal on top
(home page, URLs, structure, back-up). A module may import from its own layer or any below it,
never from above. The dev tools sit apart: anything may be imported by them,
and nothing outside them imports them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["portal", "policies", "exceptions"]
BUILDING_BLOCKS = {
    "portal.access",
    "portal.converters",
    "portal.decorators",
    "portal.freshness",
    "portal.listing",
    "portal.mail",
    "portal.model_fields",
    "portal.people",
    "portal.progress",
    "portal.request_id",
    "portal.roles",
    "portal.routing",
    "portal.templatetags.people",
}
LAYERS = ["building blocks", "policies", "exceptions", "portal apps", "portal", "dev tools"]
LONGEST_MODULE = 400
# Demo content is data: tables of policies and cases a reader scans, not logic.
DATA_TABLES = {
    "portal/devtools/demo/cases.py",
    "portal/devtools/demo/exception_log_rows.py",
    "portal/devtools/demo/rulebook.py",
}


def layer_of(module: str) -> str | None:
    """The layer a dotted module name belongs to, or None for anything outside the project."""
    if module.startswith("portal.devtools"):
        return "dev tools"
    if any(module == block or module.startswith(f"{block}.") for block in BUILDING_BLOCKS):
        return "building blocks"
    if module.startswith("portal.settings"):
        return "building blocks"
    for package in ("policies", "exceptions"):
        if module == package or module.startswith(f"{package}."):
            return package
    if module.startswith(
        ("portal.search", "portal.insights", "portal.approvals", "portal.webhooks", "portal.api")
    ):
        return "portal apps"
    if module == "portal" or module.startswith("portal."):
        return "portal"
    return None


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_by(module: str, path: Path) -> set[str]:
    """Every name `path` imports (`package.module.name`), relative imports resolved,
    at any depth of the file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


MODULES = project_modules()


def test_the_walk_finds_every_layer():
    assert {layer_of(module) for module in MODULES} == set(LAYERS)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_nothing_from_a_layer_above_its_own(module):
    own = LAYERS.index(layer_of(module))
    above = sorted(
        name
        for name in imported_by(module, MODULES[module])
        if (layer := layer_of(name)) is not None and LAYERS.index(layer) > own
    )

    assert above == [], f"{module} ({LAYERS[own]}) imports from above: {above}"


def test_no_module_outgrows_a_reader():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in [*MODULES.values(), *(ROOT / "tests").rglob("*.py")]
        if str(path.relative_to(ROOT)) not in DATA_TABLES
        and (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }

    assert too_long == {}
