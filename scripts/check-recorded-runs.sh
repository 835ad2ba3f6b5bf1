#!/usr/bin/env bash
# Checks the records of the full hinton-plus runs under assets/runs (or the folder given):
# every line of hinton-plus-commands.txt, parsed with the CLI's own options, builds exactly the
# config.json of its run folder (apart from --threads), and every hinton-plus* run folder has its
# line. Prints each mismatch and exits non-zero if there is one. See goodness.cli.RecordedRunsCheck.
set -euo pipefail
here=$(dirname "$0")
exec "$here/run-test-class.sh" goodness.cli.RecordedRunsCheck "${1:-assets/runs}"
