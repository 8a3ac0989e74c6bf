#!/usr/bin/env python3
"""Validates the example dossiers against docs/dossier.schema.json with a real JSON Schema
validator (python-jsonschema), and checks that a few broken fixtures are rejected by it too.
Run by .ci/run; needs PyYAML and jsonschema (pip install pyyaml jsonschema)."""
import glob, json, os, sys
import yaml
from jsonschema import Draft202012Validator

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
schema = json.load(open(os.path.join(root, "docs", "dossier.schema.json"), encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)

def plain_dates(value):
    """PyYAML reads 2026-02-12 as a date; Wikken (and JSON) keep it as the text it is."""
    if isinstance(value, dict):
        return {k: plain_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_dates(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f) if path.endswith(".json") else plain_dates(yaml.safe_load(f))

failures = 0
passed = 0
for path in sorted(glob.glob(os.path.join(root, "Examples", "*.yaml"))) + [os.path.join(root, "Tests/WikkenFormatsTests/Fixtures/valid/klein.json")]:
    errors = list(validator.iter_errors(load(path)))
    for e in errors:
        print(f"{os.path.relpath(path, root)}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failures += bool(errors)
    passed += not errors

# Structural mistakes the schema must catch as well.
for name in ["03-unknown-key-suggestion.yaml", "06-wrong-type.yaml", "08-invalid-id.yaml", "17-negative-weight.yaml", "25-missing-and-value.yaml", "29-unsupported-version.yaml"]:
    path = os.path.join(root, "Tests/WikkenFormatsTests/Fixtures/broken", name)
    if validator.is_valid(load(path)):
        print(f"{name}: the schema accepts a dossier it should reject")
        failures += 1
    else:
        passed += 1

print(f"schema: {passed} passed, {failures} failed")
sys.exit(1 if failures else 0)
