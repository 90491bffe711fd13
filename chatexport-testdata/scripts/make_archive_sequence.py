#!/usr/bin/env python3
"""Writes the hand-designed export sequence of fixtures/archive/account-sam/ (issue 13).

Three monthly exports of one account (2025-01, 2025-02, 2025-03) and the odd ones beside them. What each holds
is spelled out below, conversation by conversation; the expected merged result is written by hand in
merged.expected. Run from the module folder: python3 scripts/make_archive_sequence.py
"""
import json, os, shutil

ROOT = "src/main/resources/io/github/chatexport/testdata/archive/account-sam"
ACCOUNT = {"id": "user-Sam4fT9kQ2mZx7LbN3vR8w", "email": "sam.rivera@example.com", "chatgpt_plus_user": True}
OTHER = {"id": "user-Ana7Hb4Tz8Qm1Wc6Nv3Rx7", "email": "ana.souza@example.com", "chatgpt_plus_user": False}
JAN, FEB, MAR = 1736000000.5, 1738700000.25, 1741100000.125  # 2025-01-04, 2025-02-04, 2025-03-04


def msg(mid, role, text, t, parts=None):
    return {"id": mid, "author": {"role": role, "name": None, "metadata": {}}, "create_time": t,
            "update_time": None, "content": {"content_type": "text", "parts": parts or [text]},
            "status": "finished_successfully", "end_turn": role == "assistant", "weight": 1.0,
            "metadata": {}, "recipient": "all"}


def conv(cid, title, created, updated, chain, current):
    """chain: list of (node id, parent id, message or None); children are derived from the parents."""
    mapping = {}
    for nid, parent, m in chain:
        mapping[nid] = {"id": nid, "message": m, "parent": parent, "children": []}
    for nid, parent, m in chain:
        if parent is not None:
            mapping[parent]["children"].append(nid)
    return {"title": title, "create_time": created, "update_time": updated, "mapping": mapping,
            "moderation_results": [], "current_node": current, "plugin_ids": None, "conversation_id": cid,
            "conversation_template_id": None, "gizmo_id": None, "is_archived": False, "safe_urls": [],
            "default_model_slug": "gpt-4o", "id": cid}


def grows(month):
    c = [("g-root", None, None),
         ("g-u1", "g-root", msg("g-u1", "user", "How long do I boil an egg?", JAN - 900)),
         ("g-a1", "g-u1", msg("g-a1", "assistant", "About nine minutes for a firm yolk.", JAN - 890))]
    if month >= 2:
        c += [("g-u2", "g-a1", msg("g-u2", "user", "And a soft one?", FEB - 900)),
              ("g-a2", "g-u2", msg("g-a2", "assistant", "Six minutes.", FEB - 890))]
    return conv("c0000001-grows", "Boiling eggs", JAN - 901, JAN - 890 if month == 1 else FEB - 890, c,
                "g-a1" if month == 1 else "g-a2")


def retitled(month):
    c = [("r-root", None, None),
         ("r-u1", "r-root", msg("r-u1", "user", "Name ideas for a grey cat", JAN - 5000)),
         ("r-a1", "r-u1", msg("r-a1", "assistant", "Pebble, Smoke, Earl Grey.", JAN - 4990))]
    return conv("c0000002-retitled", "Cat names" if month == 1 else "Naming our grey cat", JAN - 5001,
                JAN - 4990 if month == 1 else FEB - 10, c, "r-a1")


def deleted():
    c = [("d-root", None, None),
         ("d-u1", "d-root", msg("d-u1", "user", "Draft a complaint to my landlord", JAN - 8000)),
         ("d-a1", "d-u1", msg("d-a1", "assistant", "Dear Mr Hale, the boiler has been broken since ...", JAN - 7990))]
    return conv("c0000003-deleted", "Landlord letter", JAN - 8001, JAN - 7990, c, "d-a1")


def comes_back():
    c = [("b-root", None, None),
         ("b-u1", "b-root", msg("b-u1", "user", "Packing list for a weekend hike", JAN - 12000)),
         ("b-a1", "b-u1", msg("b-a1", "assistant", "Boots, rain jacket, water, map.", JAN - 11990))]
    return conv("c0000004-comes-back", "Hiking list", JAN - 12001, JAN - 11990, c, "b-a1")


def regenerated(month):
    c = [("n-root", None, None),
         ("n-u1", "n-root", msg("n-u1", "user", "A haiku about rain", JAN - 20000))]
    if month == 1:
        c.append(("n-a1", "n-u1", msg("n-a1", "assistant", "Grey roofs drum softly", JAN - 19990)))
    c.append(("n-a2", "n-u1", msg("n-a2", "assistant", "Rain on the window, the kettle sings", JAN - 19980)))
    return conv("c0000005-regenerated", "Rain haiku", JAN - 20001, JAN - 19980, c, "n-a2")


def voice():
    u = msg("v-u1", "user", None, JAN - 30000, parts=[
        {"content_type": "audio_transcription", "text": "What is the capital of Peru?", "direction": "in",
         "decoding_id": None},
        {"expiry_datetime": "2025-01-20T09:25:06.102447+00:00", "content_type": "audio_asset_pointer",
         "asset_pointer": "sediment://file_00000000aa11622f9b2a3c4d5e6f7001", "size_bytes": 44,
         "format": "wav", "metadata": {}}])
    u["content"]["content_type"] = "multimodal_text"
    c = [("v-root", None, None), ("v-u1", "v-root", u),
         ("v-a1", "v-u1", msg("v-a1", "assistant", "Lima.", JAN - 29990))]
    return conv("c0000006-voice", "Capital of Peru", JAN - 30001, JAN - 29990, c, "v-a1")


WAV = b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00@\x1f\x00\x00\x80>\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00"
VOICE_FILE = "c0000006-voice/audio/file_00000000aa11622f9b2a3c4d5e6f7001-7e2c4a6e-8c0e-4a2c-9e4a-6c8e0a2c4e61.wav"


def write(name, conversations, account=ACCOUNT, voice_file=False, raw=None, extra=None):
    d = os.path.join(ROOT, name)
    os.makedirs(d)
    with open(os.path.join(d, "conversations.json"), "w", encoding="utf-8") as f:
        if raw is not None:
            f.write(raw)
        else:
            json.dump(conversations, f, ensure_ascii=False)
    with open(os.path.join(d, "user.json"), "w", encoding="utf-8") as f:
        json.dump(account, f)
    if voice_file:
        p = os.path.join(d, VOICE_FILE)
        os.makedirs(os.path.dirname(p))
        with open(p, "wb") as f:
            f.write(WAV)
    for file, text in (extra or {}).items():
        with open(os.path.join(d, file), "w", encoding="utf-8") as f:
            f.write(text)


if os.path.exists(ROOT):
    shutil.rmtree(ROOT)
# Newest first, as chatgpt.com writes them.
write("2025-01", [grows(1), retitled(1), deleted(), comes_back(), regenerated(1), voice()], voice_file=True,
      extra={"message_feedback.json": "[]"})
write("2025-02", [grows(2), retitled(2), regenerated(2), voice()],
      extra={"message_feedback.json": '[{"id": "fb-1", "conversation_id": "c0000001-grows", "rating": "thumbsUp"}]'})
write("2025-03", [grows(2), retitled(2), comes_back(), regenerated(2), voice()])
# A download cut off in the middle of the second conversation (newer than March, and lacking most).
full = json.dumps([grows(2), retitled(2), comes_back()], ensure_ascii=False)
cut = full.index('"c0000002-retitled"') - 200
write("2025-04-truncated", None, raw=full[:cut])
write("2025-05-empty", [])
write("other-account", [grows(2)], account=OTHER)
# A 2026 export whose manifest lists a shard that the download lacks.
d = os.path.join(ROOT, "2025-06-missing-shard")
os.makedirs(d)
with open(os.path.join(d, "conversations-000.json"), "w", encoding="utf-8") as f:
    json.dump([grows(2)], f)
with open(os.path.join(d, "user.json"), "w", encoding="utf-8") as f:
    json.dump(ACCOUNT, f)
with open(os.path.join(d, "export_manifest.json"), "w", encoding="utf-8") as f:
    json.dump({"export_files": [{"path": "conversations-000.json"}, {"path": "conversations-001.json"}],
               "logical_files": {"conversations.json": {"files": ["conversations-000.json",
                                                                   "conversations-001.json"], "sharded": True}},
               "manifest_file": "export_manifest.json", "version": 1}, f)
