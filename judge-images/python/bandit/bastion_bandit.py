"""Starts Debian's bandit 1.6.2 without its two slow start-up steps, same checks, same output.

bandit's start-up costs ~200 ms here, most of it before a line is read: `import pbr.version` pulls in
pkg_resources (only to print a version), and stevedore scans every installed package's metadata
for entry points. This launcher stubs pbr and gives bandit a stevedore that reads the entry points
listed once at image build time (entry_points.json, written by `bastion_bandit.py --list`).

Usage: python3 bastion_bandit.py <bandit arguments>   |   python3 bastion_bandit.py --list > entry_points.json
"""
import importlib
import json
import os
import sys
import types

NAMESPACES = ("bandit.formatters", "bandit.plugins", "bandit.blacklists")
LISTING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "entry_points.json")


def list_entry_points():
    from importlib.metadata import entry_points

    found = entry_points()
    return {ns: sorted([ep.name, ep.value] for ep in found.select(group=ns)) for ns in NAMESPACES}


class Extension:
    def __init__(self, name, target):
        self.name = name
        self._target = target
        self._plugin = None

    @property
    def plugin(self):
        if self._plugin is None:
            module, _, attr = self._target.partition(":")
            obj = importlib.import_module(module)
            for part in attr.split("."):
                obj = getattr(obj, part)
            self._plugin = obj
        return self._plugin


class ExtensionManager:
    def __init__(self, namespace, **_ignored):
        self.extensions = [Extension(n, t) for n, t in LISTED.get(namespace, [])]
        self._by_name = {e.name: e for e in self.extensions}

    def __iter__(self):
        return iter(self.extensions)

    def __contains__(self, name):
        return name in self._by_name

    def __getitem__(self, name):
        return self._by_name[name]

    def names(self):
        return [e.name for e in self.extensions]


def install_stubs():
    version = types.ModuleType("pbr.version")

    class VersionInfo:
        def __init__(self, package):
            self.package = package

        def version_string(self):
            return "1.6.2"

    version.VersionInfo = VersionInfo
    pbr = types.ModuleType("pbr")
    pbr.version = version
    extension = types.ModuleType("stevedore.extension")
    extension.ExtensionManager = ExtensionManager
    stevedore = types.ModuleType("stevedore")
    stevedore.extension = extension
    sys.modules.update({"pbr": pbr, "pbr.version": version, "stevedore": stevedore, "stevedore.extension": extension})


if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        json.dump(list_entry_points(), sys.stdout, indent=1)
        sys.exit(0)
    with open(LISTING) as f:
        LISTED = json.load(f)
    install_stubs()
    sys.argv[0] = "bandit"
    from bandit.cli.main import main

    sys.exit(main())
