"""Write the course's 2-D datasets as CSV, with their checksums; or check them.

python datasets/generate.py          # (re)write datasets/*.csv and checksums.json
python datasets/generate.py --check  # exit 1 if the files differ from what the generators give
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from course_utils.data import file_sha256, write_datasets

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    args = parser.parse_args()
    if not args.check:
        checksums = write_datasets(HERE)
        (HERE / "checksums.json").write_text(json.dumps(checksums, indent=2, sort_keys=True) + "\n")
        print(f"wrote {len(checksums)} files and checksums.json in {HERE}")
        return 0
    recorded = json.loads((HERE / "checksums.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        regenerated = write_datasets(Path(tmp))
    bad = [
        name
        for name in sorted(set(recorded) | set(regenerated))
        if recorded.get(name) != regenerated.get(name)
        or not (HERE / name).exists()
        or file_sha256(HERE / name) != recorded.get(name)
    ]
    for name in bad:
        print(f"MISMATCH {name}", file=sys.stderr)
    print("all datasets match their checksums" if not bad else f"{len(bad)} file(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
