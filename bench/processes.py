"""What the bench scripts share about the node processes they start."""

import os
import subprocess


def stop(process, *files):
    """SIGTERM and the node's own graceful exit (30 s at most, then kill -9); then its config and log files go."""
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
    for path in files:
        os.unlink(path)
