#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# hyphenation.py PARAPHE: the hyphenation rules of DOMAIN.md §2.4 in the
# PDF's layout, over every example form (convention and fiche projet) and
# the example campaign kit (its partners' documents written as "layout"
# dumps, where a line that ends with a word hyphenated at a soft hyphen is
# marked "hyphen").  For every document: no run of three hyphenated lines;
# no hyphen on the last line of a page (the word's end is on the same
# page, right below); never the last word of a paragraph; never a month,
# an e-mail address or a URL; never inside a proper noun of the form (the
# partner's and the ministry's names, people's names, cities).  TAP.
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

try:
    import tapyaml  # needs python3-yaml
except ImportError as e:
    print("1..0 # SKIP %s" % e)
    sys.exit(0)
paraphe, tap = sys.argv[1], tapyaml.Tap()


# The proper nouns of a form, as the issue names them: the partner's name,
# short name, sigle and trade name, the cities, the signatories' and
# contacts' names, the ministry's short name and service, the places of
# signature.
NAME_KEYS = [
    "partenaire.denomination", "partenaire.designation", "partenaire.sigle",
    "partenaire.nom_commercial",
    "partenaire.rcs_ville", "partenaire.adresse.ville",
    "partenaire.signataire.prenom", "partenaire.signataire.nom",
    "partenaire.contact.nom",
    "emetteur.designation", "emetteur.service", "emetteur.adresse.ville",
    "emetteur.signataire.prenom", "emetteur.signataire.nom",
    "emetteur.contact.nom",
    "signature.lieu", "signature.lieu_partenaire",
    "fiche_projet.contacts.*.nom", "fiche_projet.validation.*.nom",
]

MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
          "août", "septembre", "octobre", "novembre", "décembre"}


def values_at(node, path):
    if not path:
        return [node] if isinstance(node, str) else []
    head, rest = path[0], path[1:]
    if head == "*":
        return [v for item in (node if isinstance(node, list) else [])
                for v in values_at(item, rest)]
    if isinstance(node, dict) and head in node:
        return values_at(node[head], rest)
    return []


# The State's names a form quotes in free text (a SIG contact's function).
STATE_NAMES = {"Service d'information du Gouvernement"}


def form_names(form):
    names = set(STATE_NAMES)
    for key in NAME_KEYS:
        for v in values_at(form, key.split(".")):
            if v.strip():
                names.add(v.strip())
    return names


def norm(s):
    return (s.replace("\u2019", "'").replace("\u00a0", " ")
            .replace("\u202f", " "))


WORD = re.compile(r"\w+", re.UNICODE)


def capitalised_words(names):
    return {w for name in names for w in WORD.findall(name)
            if w[0].isupper()}


LINE = re.compile(r'^  text (\S+) (\S+) (\S+) (\S+) "(.*)"( hyphen)?$')


def read_layout(path):
    pages = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("page "):
            pages.append([])
            continue
        m = LINE.match(line.rstrip("\n"))
        if m and pages:
            pages[-1].append({
                "x": float(m.group(1)), "y": float(m.group(2)),
                "h": float(m.group(3)), "style": m.group(4),
                "text": m.group(5), "hyphen": m.group(6) is not None})
    return pages


def below(page, it):
    """The line right below it in its paragraph, on the same page."""
    for other in page:
        if (other["style"] == it["style"] and abs(other["x"] - it["x"]) < 0.01
                and abs(other["y"] - (it["y"] + it["h"])) < 0.02):
            return other
    return None


def check_document(label, path, names):
    """Returns (hyphenated lines, problems)."""
    words = capitalised_words(names)
    phrases = [norm(p) for p in names]
    problems = []
    count = 0
    for pno, page in enumerate(read_layout(path), 1):
        for it in page:
            if not it["hyphen"]:
                continue
            count += 1
            where = "%s p. %d: %r" % (label, pno, it["text"][-40:])
            nxt = below(page, it)
            if nxt is None:
                problems.append("%s: hyphen on the last line of the page "
                                "(or of its paragraph)" % where)
                continue
            # A ladder: the third hyphenated line in a row.
            run, cur = 1, it
            while cur is not None and cur["hyphen"]:
                cur = below(page, cur)
                if cur is not None and cur["hyphen"]:
                    run += 1
            prev = [o for o in page if o["hyphen"] and below(page, o) is it]
            if not prev and run > 2:
                problems.append("%s: %d hyphenated lines in a row" %
                                (where, run))
            # The last word of a paragraph.
            if " " not in nxt["text"].strip() and below(page, nxt) is None:
                problems.append("%s: the last word of the paragraph is "
                                "hyphenated (%r)" % (where, nxt["text"]))
            left = it["text"][:-1].split(" ")[-1]
            right = nxt["text"].split(" ")[0]
            token = left + right
            word = re.sub(r"^\w+['\u2019]", "", token)
            word = re.sub(r"\W+$", "", word)
            if word.lower() in MONTHS:
                problems.append("%s: a month hyphenated (%s)" % (where, word))
            if ("@" in token or "://" in token or token.startswith("www.")
                    or re.search(r"\w\.\w", token)):
                problems.append("%s: an address hyphenated (%s)" %
                                (where, token))
            if word in words:
                problems.append("%s: a proper noun of the form hyphenated "
                                "(%s)" % (where, word))
            joined = norm(it["text"][:-1] + nxt["text"])
            cut = len(norm(it["text"][:-1]))
            for p in phrases:
                for m in re.finditer(r"(?<!\w)" + re.escape(p) + r"(?!\w)",
                                     joined):
                    if m.start() < cut < m.end():
                        problems.append("%s: %r hyphenated" % (where, p))
    return count, problems


ODF = {
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def odf(prefix, name):
    return "{%s}%s" % (ODF[prefix], name)


def check_odt(label, path, names):
    """The same rules asked of the word processor: every hyphenated style
    with 3 characters on each side and a ladder of 2; every occurrence of a
    form's name in a span that is never hyphenated."""
    problems = []
    with zipfile.ZipFile(path) as z:
        styles = ET.fromstring(z.read("styles.xml"))
        content = ET.fromstring(z.read("content.xml"))
    hyphenated = 0
    for st in styles.iter(odf("style", "style")):
        tp = st.find(odf("style", "text-properties"))
        pp = st.find(odf("style", "paragraph-properties"))
        if tp is None or tp.get(odf("fo", "hyphenate")) != "true":
            continue
        hyphenated += 1
        got = (tp.get(odf("fo", "hyphenation-remain-char-count")),
               tp.get(odf("fo", "hyphenation-push-char-count")),
               pp.get(odf("fo", "hyphenation-ladder-count"))
               if pp is not None else None)
        if got != ("3", "3", "2"):
            problems.append("%s: style %s hyphenates with remain, push, "
                            "ladder = %s" % (label, st.get(odf("style",
                                                               "name")), got))
    if hyphenated == 0:
        problems.append("%s: no style hyphenates" % label)
    unbroken = {st.get(odf("style", "name"))
                for st in content.iter(odf("style", "style"))
                if any(tp.get(odf("fo", "hyphenate")) == "false"
                       for tp in st.iter(odf("style", "text-properties")))}

    def segments(el, protected):
        """(text, protected) pieces of a paragraph, in order."""
        if el.tag == odf("text", "span") and \
                el.get(odf("text", "style-name")) in unbroken:
            protected = True
        if el.text:
            yield el.text, protected
        for child in el:
            yield from segments(child, protected)
            if child.tail:
                yield child.tail, protected

    # A single word of five letters or fewer cannot keep three letters on
    # each side of a break.
    phrases = [norm(p) for p in names
               if len(WORD.findall(p)) > 1 or len(p) >= 6]
    found = 0
    for par in content.iter(odf("text", "p")):
        pieces = list(segments(par, False))
        text = norm("".join(t for t, _ in pieces))
        mask = [p for t, p in pieces for _ in t]
        for p in phrases:
            for m in re.finditer(r"(?<!\w)" + re.escape(p) + r"(?!\w)",
                                 text):
                found += 1
                if not all(mask[m.start():m.end()]):
                    problems.append("%s: %r may be hyphenated in %r" %
                                    (label, p, text[:60]))
    return found, problems


tmp = tempfile.mkdtemp(prefix="paraphe-hyphenation.")
total = 0
try:
    # Every example form.
    for form_path in sorted(glob.glob("examples/*.yaml")):
        base = os.path.basename(form_path)[:-5]
        out = os.path.join(tmp, base)
        r = subprocess.run([paraphe, "render", form_path, "-f", "layout,odt",
                            "-o", out], capture_output=True, text=True)
        tap.result(r.returncode == 0, "%s: rendered" % form_path, r.stderr)
        form = tapyaml.load(form_path)
        names = form_names(form)
        for layout in sorted(glob.glob(os.path.join(out, "*.layout"))):
            label = "%s %s" % (base, os.path.basename(layout))
            count, problems = check_document(label, layout, names)
            total += count
            tap.result(not problems,
                       "%s: %d hyphenated lines, all by the rules" %
                       (label, count), "\n".join(problems))
        for odt in sorted(glob.glob(os.path.join(out, "*.odt"))):
            label = "%s %s" % (base, os.path.basename(odt))
            count, problems = check_odt(label, odt, names)
            tap.result(not problems and count > 0,
                       "%s: hyphenation 3/3, ladder 2, %d names unbroken" %
                       (label, count), "\n".join(problems))

    # The example kit, written as layouts: a copy of the campaign folder
    # whose only format is "layout".
    kit_src = "examples/campagne-8-mars"
    kit = os.path.join(tmp, "campagne")
    shutil.copytree(kit_src, kit)
    campaign_path = os.path.join(kit, "campagne.yaml")
    text = open(campaign_path, encoding="utf-8").read()
    text2 = re.sub(r"(?m)^(\s+formats: )\[[^]]*\]", r"\1[layout]", text, 1)
    text2 = text2.replace("controle_conformite: true",
                          "controle_conformite: false")
    tap.result(text2 != text, "the kit copy asks for layouts")
    open(campaign_path, "w", encoding="utf-8").write(text2)
    r = subprocess.run([paraphe, "kit", campaign_path, "-o",
                        os.path.join(tmp, "kits"), "-q"],
                       capture_output=True, text=True)
    tap.result(r.returncode == 0, "the example kit: built", r.stderr)
    campaign = tapyaml.load(campaign_path)
    # Every name any partner's form can hold: the campaign's ministry, the
    # defaults, each partner's entry and form file.
    names = form_names({"emetteur": campaign["campagne"].get("emetteur", {})})
    names |= form_names(campaign.get("defauts", {}))
    partners = campaign.get("partenaires", [])
    for entry in partners if isinstance(partners, list) else []:
        names |= form_names(entry)
        if "fichier_formulaire" in entry:
            f = os.path.join(kit, entry["fichier_formulaire"])
            names |= form_names(tapyaml.load(f))
    layouts = sorted(glob.glob(os.path.join(tmp, "kits", "*", "*",
                                            "*.layout")))
    tap.result(len(layouts) >= 2 * len(partners),
               "the example kit: %d layouts for %d partners" %
               (len(layouts), len(partners)))
    for layout in layouts:
        label = "kit %s %s" % (os.path.basename(os.path.dirname(layout)),
                               os.path.basename(layout))
        count, problems = check_document(label, layout, names)
        total += count
        tap.result(not problems,
                   "%s: %d hyphenated lines, all by the rules" %
                   (label, count), "\n".join(problems))
    # The dumps do mark hyphenated lines: the checks above looked at some.
    tap.result(total >= 20, "%d hyphenated lines checked in all" % total)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

tap.done()
