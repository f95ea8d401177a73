"""Ports and folders for the Elasticsearch nodes (and local servers) that tests start."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

from operations.local_node import state_root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def node_folder() -> Path:
    """A fresh folder for a test node, where the node's user can reach it when we run as root."""
    return state_root() / "test-nodes" / uuid.uuid4().hex[:12]
