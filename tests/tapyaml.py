# SPDX-License-Identifier: EUPL-1.2
# What the Python TAP tests share: YAML read with the 1.2 core schema
# (dates stay text, as paraphe reads them) and TAP results.
import sys

import yaml


class CoreLoader(yaml.SafeLoader):
    pass


CoreLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=CoreLoader)


class Tap:
    def __init__(self):
        self.n = self.failed = 0

    def result(self, ok, name, detail=""):
        self.n += 1
        print("%sok %d - %s" % ("" if ok else "not ", self.n, name))
        if not ok:
            self.failed += 1
            for line in str(detail).splitlines()[:12]:
                print("# " + line)

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)
