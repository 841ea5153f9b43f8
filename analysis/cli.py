"""`localism-analysis TOOL [ARGS]`: the console entry point of the installed analysis package;
each tool is the module of the same name (`localism-analysis export DIR` is
`python3 -m analysis.export DIR`), so both spellings take the same arguments."""
from __future__ import annotations

import importlib
import sys

TOOLS = {"compare": "which arm does better, by how much, how sure (CSV tables, --plots)",
         "report": "self-contained HTML report of a sweep",
         "export": "tidy long CSV of the national series and per-arm summaries",
         "sensitivity": "Sobol or Morris indices of a sample design",
         "uncertainty": "the policy difference over a parameter-uncertainty sample",
         "calibrate": "pattern-oriented ABC calibration through localism sweep",
         "patterns": "check observed-patterns files against run files"}


def usage() -> str:
    lines = ["usage: localism-analysis TOOL [ARGS]   (localism-analysis TOOL --help)", "",
             "tools:"]
    lines += [f"  {name:<12} {text}" for name, text in TOOLS.items()]
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    tool, rest = argv[0], argv[1:]
    if tool not in TOOLS:
        print(f"error: unknown tool {tool!r}\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"analysis.{tool}")
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
