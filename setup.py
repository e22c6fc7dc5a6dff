"""Package layout that pyproject.toml alone cannot express.

templates/, resources/ and db/ sit beside desktop/ in the repository (the
prescribed top level) but must travel inside the wheel; they are mapped to
``desktop/_res/<name>`` there, where ``desktop.paths`` looks for them.
"""

from setuptools import find_packages, setup

DATA = {"desktop._res.templates": "templates", "desktop._res.resources": "resources", "desktop._res.db": "db"}

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), *DATA],
    package_dir=DATA,
    package_data={name: ["**/*"] for name in DATA},
    exclude_package_data={name: ["**/__pycache__/*", "**/*.pyc"] for name in DATA},
)
