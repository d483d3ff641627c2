#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# Every field of every model has a label for people (the "label" keyword
# of paraphe-modele(5)): the edit form of paraphe serve shows it, with the
# key beside it.  A field added to models/types.yaml or a model's
# schema.yaml without one fails here.  Labels start with a capital and are
# not the key itself.
#   labels.py  (run from the source folder)
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tapyaml  # noqa: E402


def fields(where, spec, out):
    """(path, key, spec) of every field under spec, recursively."""
    if not isinstance(spec, dict):
        return
    for key, sub in (spec.get("fields") or {}).items():
        out.append(("%s.%s" % (where, key), key, sub))
        fields("%s.%s" % (where, key), sub, out)
    if isinstance(spec.get("items"), dict):
        fields(where + "[]", spec["items"], out)


tap = tapyaml.Tap()
found = []
types = tapyaml.load("models/types.yaml")["types"]
for name, spec in types.items():
    fields(name, spec, found)
schemas = sorted(glob.glob("models/*/schema.yaml"))
for path in schemas:
    doc = tapyaml.load(path)
    fields(doc["model"], doc["form"], found)
tap.result(len(schemas) >= 3 and len(found) > 150,
           "the models and their fields are found (%d models, %d fields)"
           % (len(schemas), len(found)))
missing = [p for p, _, s in found
           if not isinstance(s, dict) or not s.get("label")]
tap.result(not missing, "every field has a label", "\n".join(missing))
odd = [p for p, key, s in found
       if isinstance(s, dict) and isinstance(s.get("label"), str) and
       (not s["label"][:1].isupper() or s["label"] == key)]
tap.result(not odd, "each label is a name for people, not the key",
           "\n".join(odd))
tap.done()
