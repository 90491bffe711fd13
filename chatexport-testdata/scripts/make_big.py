#!/usr/bin/env python3
"""Writes the fixtures that are too big to type by hand. Run from anywhere:  python3 chatexport-testdata/scripts/make_big.py
(it writes into src/main/resources/io/github/chatexport/testdata/conversations/)

  chain-100k.json   one conversation, mapping = a 100,000-node chain: n0 (root, message null), then n1..n99999
                    alternating user (odd N) / assistant (even N), text "m<N>"; current_node n99999.
                    Nodes have no "children" field (2026 style), to stay under 15 MB.
  chain-100k.expected
                    written here too, from the construction above (not from any reader): the active branch is
                    n0..n99999 and every message n1..n99999 is visible.
  comb-50k.json     one conversation: root r, user u under it, and 50,000 assistant children a1..a50000 of u
                    (regenerations, listed in that order in u's children, create_time increasing);
                    current_node a25000. Its .expected is written by hand.
  long-string.json  one conversation whose user message has a single text part of exactly 1,000,000
                    characters ("INFO request ok\n" * 62,500). Its .expected is written by hand.

Output is minified JSON, ASCII only, no trailing newline after the closing bracket (none is needed).
"""
import datetime
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "io", "github",
                   "chatexport", "testdata", "conversations")

DUMP = dict(separators=(",", ":"), ensure_ascii=True)


def instant(seconds):
    """Whole seconds as Java's Instant.toString() writes them: 2023-11-14T22:13:20Z."""
    assert seconds == int(seconds)
    return datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def chain_100k():
    total = 100_000  # nodes n0 .. n99999
    # No "children" fields (2026 style), which keeps the file under 15 MB; children come from parent links.
    mapping = {"n0": {"id": "n0", "message": None, "parent": None}}
    for n in range(1, total):
        node = {
            "id": f"n{n}",
            "message": {
                "id": f"n{n}",
                "author": {"role": "user" if n % 2 == 1 else "assistant"},
                "content": {"content_type": "text", "parts": [f"m{n}"]},
            },
            "parent": f"n{n - 1}",
        }
        mapping[f"n{n}"] = node
    conversation = {
        "title": "A chain of 100,000 nodes",
        "create_time": 1700000000.0,
        "update_time": 1700099999.0,
        "mapping": mapping,
        "current_node": f"n{total - 1}",
        "id": "c4a1b100-0000-4000-8000-000000100000",
    }
    with open(os.path.join(OUT, "chain-100k.json"), "w", encoding="ascii") as f:
        f.write(json.dumps([conversation], **DUMP))

    # Expected result, from the construction: one branch n0..n99999, current_node at its end.
    active = " ".join(f"n{n}" for n in range(0, total))
    visible = " ".join(f"n{n}" for n in range(1, total))
    with open(os.path.join(OUT, "chain-100k.expected"), "w", encoding="ascii") as f:
        f.write("# Written by make_big.py from the construction (see there), not by any reader.\n")
        f.write("# Reduced form for big shapes (more than 1,000 nodes): branch_count instead of branch lines; no message\n")
        f.write("# lines.\n")
        f.write("conversation c4a1b100-0000-4000-8000-000000100000\n")
        f.write('title "A chain of 100,000 nodes"\n')
        f.write(f"create_time {instant(conversation['create_time'])}\n")
        f.write(f"update_time {instant(conversation['update_time'])}\n")
        f.write('current_node "n99999"\n')
        f.write(f"nodes {total}\n")
        f.write(f"active {active}\n")
        f.write("branch_count 1\n")
        f.write(f"visible {visible}\n")
        f.write("end\n")


def comb_50k():
    count = 50_000
    mapping = {
        "r": {"id": "r", "message": None, "parent": None, "children": ["u"]},
        "u": {
            "id": "u",
            "message": {
                "id": "u",
                "author": {"role": "user"},
                "create_time": 1700000000,
                "content": {"content_type": "text", "parts": ["Give me a name for a cat."]},
            },
            "parent": "r",
            "children": [f"a{i}" for i in range(1, count + 1)],
        },
    }
    for i in range(1, count + 1):
        mapping[f"a{i}"] = {
            "id": f"a{i}",
            "message": {
                "id": f"a{i}",
                "author": {"role": "assistant"},
                "create_time": 1700000000 + i,
                "content": {"content_type": "text", "parts": [f"name {i}"]},
            },
            "parent": "u",
            "children": [],
        }
    conversation = {
        "title": "50,000 regenerations",
        "create_time": 1700000000.0,
        "update_time": 1700050000.0,
        "mapping": mapping,
        "current_node": "a25000",
        "id": "c4a1b050-0000-4000-8000-000000050000",
    }
    with open(os.path.join(OUT, "comb-50k.json"), "w", encoding="ascii") as f:
        f.write(json.dumps([conversation], **DUMP))


def long_string():
    text = "INFO request ok\n" * 62_500
    assert len(text) == 1_000_000
    mapping = {
        "aaa1f00d-1000-4000-8000-000000000001": {
            "id": "aaa1f00d-1000-4000-8000-000000000001", "message": None, "parent": None,
            "children": ["aaa2f00d-1000-4000-8000-000000000002"],
        },
        "aaa2f00d-1000-4000-8000-000000000002": {
            "id": "aaa2f00d-1000-4000-8000-000000000002",
            "message": {
                "id": "aaa2f00d-1000-4000-8000-000000000002",
                "author": {"role": "user", "name": None, "metadata": {}},
                "create_time": 1711111111.111111, "update_time": None,
                "content": {"content_type": "text", "parts": [text]},
                "status": "finished_successfully", "end_turn": None, "weight": 1.0,
                "metadata": {"timestamp_": "absolute", "message_type": None},
                "recipient": "all", "channel": None,
            },
            "parent": "aaa1f00d-1000-4000-8000-000000000001",
            "children": ["b0b0f00d-1000-4000-8000-000000000003"],
        },
        "b0b0f00d-1000-4000-8000-000000000003": {
            "id": "b0b0f00d-1000-4000-8000-000000000003",
            "message": {
                "id": "b0b0f00d-1000-4000-8000-000000000003",
                "author": {"role": "assistant", "name": None, "metadata": {}},
                "create_time": 1711111122.222222, "update_time": None,
                "content": {"content_type": "text", "parts": ["That log has 62,500 identical lines: every request succeeded."]},
                "status": "finished_successfully", "end_turn": True, "weight": 1.0,
                "metadata": {"finish_details": {"type": "stop", "stop_tokens": [100260]}, "model_slug": "gpt-4",
                             "timestamp_": "absolute", "message_type": None},
                "recipient": "all", "channel": None,
            },
            "parent": "aaa2f00d-1000-4000-8000-000000000002",
            "children": [],
        },
    }
    conversation = {
        "title": "Long paste",
        "create_time": 1711111111.107,
        "update_time": 1711111123.0,
        "mapping": mapping,
        "moderation_results": [],
        "current_node": "b0b0f00d-1000-4000-8000-000000000003",
        "plugin_ids": None,
        "conversation_id": "1011f00d-1000-4000-8000-000000000000",
        "id": "1011f00d-1000-4000-8000-000000000000",
    }
    with open(os.path.join(OUT, "long-string.json"), "w", encoding="ascii") as f:
        f.write(json.dumps([conversation], **DUMP))


if __name__ == "__main__":
    chain_100k()
    comb_50k()
    long_string()
