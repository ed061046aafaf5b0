#!/usr/bin/python3
"""Validate mailspec JSON reports against reports/schema/report-v1.json, and check what the schema
cannot: summary counts equal the verdicts, every fail quotes the bytes it saw."""
import json
import pathlib
import sys

import jsonschema

SCHEMA = pathlib.Path(__file__).resolve().parent / "schema" / "report-v1.json"


def check(path, validator):
    report = json.loads(pathlib.Path(path).read_text())
    errors = [f"{path}: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(report)]
    counts = {k: 0 for k in ("pass", "fail", "warn", "info", "skip", "error")}
    for case in report.get("cases", []):
        counts[case["verdict"]] += 1
        if case["verdict"] == "fail" and not case.get("evidence", {}).get("actual") and not case.get("reason"):
            errors.append(f"{path}: {case['id']}: fail without evidence")
    for k, v in counts.items():
        if report["summary"][k] != v:
            errors.append(f"{path}: summary.{k} is {report['summary'][k]}, cases say {v}")
    if report["summary"]["total"] != len(report["cases"]):
        errors.append(f"{path}: summary.total does not match the number of cases")
    return errors


def main(paths):
    schema = json.loads(SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    errors = [e for p in paths for e in check(p, validator)]
    for e in errors:
        print(e)
    print(f"{len(paths)} reports checked, {len(errors)} problems")
    return 1 if errors or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
