#!/usr/bin/env bash
# What the app's drawing tests would predict with a candidate bundled model, next to the bundled
# one: a table on stdout and in target/drawing-expectations.txt, exit 1 if the candidate (or,
# with no file, the bundled model) breaks an expectation of those tests. Needs MNIST under data/.
#   scripts/drawing-expectations.sh [MODEL.ffm|CHECKPOINT]
# JAVA_OPTS=-Dgoodness.drawings.count=N sets how many MNIST test digits are drawn on the canvas
# for the figures beyond the tests (1000). See goodness.cli.DrawingExpectations.
set -euo pipefail
here=$(dirname "$0")
exec "$here/run-test-class.sh" goodness.cli.DrawingExpectations "$@"
