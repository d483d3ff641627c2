#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# jsonschema-validate.py PARAPHE: the JSON Schema that "paraphe schema"
# prints for each model validates every example form that asks for that
# model, with Debian's python3-jsonschema; and a form with mistakes is
# refused.  TAP.  YAML is read with the 1.2 core schema (dates stay text).
import copy
import json
import subprocess
import sys

try:
    import jsonschema
    import yaml
    from tapyaml import CoreLoader, Tap
except ImportError as e:
    print("1..0 # SKIP %s" % e)
    sys.exit(0)

paraphe = sys.argv[1]
tap = Tap()
result = tap.result

schemas = {}
for model in ("convention", "fiche-projet", "campagne"):
    out = subprocess.run([paraphe, "schema", model], capture_output=True,
                         text=True)
    result(out.returncode == 0, "paraphe schema %s" % model, out.stderr)
    schemas[model] = json.loads(out.stdout)
    jsonschema.Draft202012Validator.check_schema(schemas[model])

import glob
for path in sorted(glob.glob("examples/*.yaml")):
    form = yaml.load(open(path, encoding="utf-8"), Loader=CoreLoader)
    types = form.get("document", {}).get("types", ["convention", "fiche_projet"])
    for t in types:
        model = t.replace("_", "-")
        v = jsonschema.Draft202012Validator(schemas[model])
        errs = sorted(v.iter_errors(form), key=str)
        result(not errs, "%s validates against the %s schema" % (path, model),
               "\n".join(e.message for e in errs))

for path in sorted(glob.glob("examples/campagne-8-mars/campagne*.yaml")):
    camp = yaml.load(open(path, encoding="utf-8"), Loader=CoreLoader)
    errs = list(jsonschema.Draft202012Validator(schemas["campagne"]).iter_errors(camp))
    result(not errs, "%s validates against the campagne schema" % path,
           "\n".join(e.message for e in errs))

good = yaml.load(open("examples/mobilite-verte.yaml", encoding="utf-8"),
                 Loader=CoreLoader)
v = jsonschema.Draft202012Validator(schemas["convention"])
for name, change in (
        ("an unknown key", lambda f: f["partenaire"].update(denomniation="x")),
        ("a value outside the list",
         lambda f: f["partenaire"].update(forme_juridique="SAS")),
        ("titre_gracieux: false", lambda f: f["clauses"].update(titre_gracieux=False)),
        ("a missing signatory", lambda f: f["partenaire"].pop("signataire"))):
    bad = copy.deepcopy(good)
    change(bad)
    result(any(True for _ in v.iter_errors(bad)), "the schema flags %s" % name)

tap.done()
