"""Generates the layer fixtures (one JSON file per layer class) from PyTorch references.

Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 packages/layers/src/__fixtures__/generate.py
"""
import sys

sys.dont_write_bytecode = True

import cases_attention  # noqa: E402
import cases_conv  # noqa: E402
import cases_core  # noqa: E402
import cases_normalization  # noqa: E402
import cases_recurrent  # noqa: E402
from fixture_lib import Recorder  # noqa: E402

if __name__ == '__main__':
    rec = Recorder()
    for module in (cases_core, cases_conv, cases_normalization, cases_recurrent, cases_attention):
        module.add_cases(rec)
    rec.write()
    print('wrote', ', '.join(f'{k} ({len(v)})' for k, v in sorted(rec.files.items())))
