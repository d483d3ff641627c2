#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""ODT fixtures of "paraphe check", made from an ODT paraphe rendered.

    python3 tests/check-odt-fixtures.py OUT_DIR SOURCE.odt [NAME...]

Writes into OUT_DIR (only the fixtures NAME... when given; the bomb takes
a second), each a copy of SOURCE.odt with one change:

    foreign-font.odt   the body style ("corps") set in DejaVu Serif, a
                       typeface outside the charter, declared as a font-face
    off-palette.odt    the article titles in #2E8B57, outside the palette
    no-marque.odt      the frames of the page headers removed (no bloc-marque)
    serif-styles.odt   every typeface replaced by DejaVu Serif (styles and
                       content), for the LibreOffice conversion
    lo-saved.odt       black text and LibreOffice's link styles (navy,
                       maroon), as LibreOffice saves it: no warning
    active.odt         a Basic macro and an embedded object (script,
                       fichier-incorpore)

and the malformed packages, each to be refused:

    bomb.odt           content.xml is 200 MB of spaces, deflated (~200 KB)
    evil-path.odt      an entry named ../evil
    duplicate.odt      content.xml twice
    laughs.odt         content.xml with a "billion laughs" DTD
    attributes.odt     content.xml with an element of 60,000 attributes

Each fixture's report is a golden file, tests/golden/check/NAME.odt.check;
the list of fixtures is also check_cases in tests/golden.sh.  Standard
library only.  Entries keep their order, names and compression;
mimetype stays first and stored.
"""
import os
import re
import sys
import warnings
import zipfile

FOREIGN = "DejaVu Serif"


def read_entries(path):
    with zipfile.ZipFile(path) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def copy_info(info):
    out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    out.compress_type = info.compress_type
    out.external_attr = info.external_attr
    return out


def write(path, entries, edits=None):
    """entries: [(ZipInfo, bytes)]; edits: name -> function(str) -> str."""
    edits = edits or {}
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            fn = edits.get(info.filename)
            if fn is not None:
                text = data.decode("utf-8")
                new = fn(text)
                if new == text and info.filename == "styles.xml":
                    sys.exit("check-odt-fixtures.py: %s: %s unchanged"
                             % (os.path.basename(path), info.filename))
                data = new.encode("utf-8")
            z.writestr(copy_info(info), data)


def font_face(name):
    return ('<style:font-face style:name="%s" svg:font-family="\'%s\'" '
            'style:font-family-generic="roman" style:font-pitch="variable"/>'
            % (name, name))


def foreign_font(styles):
    """Declares DejaVu Serif and sets the body style in it."""
    styles = styles.replace("<office:font-face-decls>",
                            "<office:font-face-decls>" + font_face(FOREIGN),
                            1)
    m = re.search(r'<style:style style:name="corps"[^>]*>.*?</style:style>',
                  styles, re.S)
    if m is None:
        sys.exit("check-odt-fixtures.py: no body style (corps) in styles.xml")
    body = re.sub(r'style:font-name="[^"]*"',
                  'style:font-name="%s"' % FOREIGN, m.group(0))
    return styles[:m.start()] + body + styles[m.end():]


def off_palette(styles):
    """The article titles (or else the first coloured style) in #2E8B57."""
    m = re.search(r'<style:style style:name="titre_article"[^>]*>.*?'
                  r'</style:style>', styles, re.S)
    if m is None:
        m = re.search(r'<style:style [^>]*>(?:(?!</style:style>).)*?'
                      r'fo:color="#[0-9A-Fa-f]{6}".*?</style:style>',
                      styles, re.S)
    if m is None:
        sys.exit("check-odt-fixtures.py: no coloured style in styles.xml")
    part = re.sub(r'fo:color="#[0-9A-Fa-f]{6}"', 'fo:color="#2E8B57"',
                  m.group(0))
    return styles[:m.start()] + part + styles[m.end():]


FRAME = re.compile(r"<draw:frame\b[^>]*?(?:/>|>(?:(?!<draw:frame\b).)*?"
                   r"</draw:frame>)", re.S)


def no_frames(header):
    while True:
        new = FRAME.sub("", header)
        if new == header:
            return new
        header = new


def no_marque(styles):
    """Every frame of every page header removed."""
    return re.sub(r"<style:header(?:-first)?>.*?</style:header(?:-first)?>",
                  lambda m: no_frames(m.group(0)), styles, flags=re.S)


def serif(text):
    """Every typeface, declared or used, replaced by DejaVu Serif."""
    text = re.sub(r"<office:font-face-decls>.*?</office:font-face-decls>",
                  "<office:font-face-decls>" + font_face(FOREIGN)
                  + "</office:font-face-decls>", text, flags=re.S)
    text = re.sub(r'style:font-name(-asian|-complex)?="[^"]*"',
                  lambda m: 'style:font-name%s="%s"' % (m.group(1) or "",
                                                        FOREIGN), text)
    return re.sub(r'(svg|style|fo):font-family="[^"]*"',
                  lambda m: '%s:font-family="%s"' % (m.group(1), FOREIGN),
                  text)


LO_STYLES = (
    '<style:default-style style:family="paragraph">'
    '<style:text-properties fo:color="#000000"/></style:default-style>'
    '<style:style style:name="Internet_20_link" '
    'style:display-name="Internet Link" style:family="text">'
    '<style:text-properties fo:color="#000080" '
    'style:text-underline-style="solid"/></style:style>'
    '<style:style style:name="Visited_20_Internet_20_Link" '
    'style:display-name="Visited Internet Link" style:family="text">'
    '<style:text-properties fo:color="#800000" '
    'style:text-underline-style="solid"/></style:style>')


def lo_saved(styles):
    """What LibreOffice adds when it saves the document: black as the
    default text colour, its link styles in navy and maroon."""
    return styles.replace("<office:styles>", "<office:styles>" + LO_STYLES,
                          1)


def with_replaced(entries, name, data):
    out = []
    for info, old in entries:
        out.append((info, data if info.filename == name else old))
    return out


def bomb(path, entries):
    """content.xml: 200 MB of spaces, streamed through deflate."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w") as z:
        for info, data in entries:
            if info.filename != "content.xml":
                z.writestr(copy_info(info), data)
                continue
            zi = zipfile.ZipInfo("content.xml", date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            with z.open(zi, "w", force_zip64=False) as f:
                f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<a>')
                for _ in range(200):
                    f.write(chunk)
                f.write(b"</a>")


LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.3"><office:body><office:text>
<text:p>&lol9;</text:p>
</office:text></office:body></office:document-content>
"""


def many_attributes():
    """content.xml with one element of 60,000 attributes (libxml2 2.9.14
    checks their names two by two: minutes)."""
    attrs = " ".join('a%d="x"' % i for i in range(60000))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0"><e %s/></office:document-content>'
            % attrs).encode()


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: check-odt-fixtures.py OUT_DIR SOURCE.odt [NAME...]")
    out, source, only = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    entries = read_entries(source)
    names = [info.filename for info, _ in entries]
    for needed in ("mimetype", "content.xml", "styles.xml"):
        if needed not in names:
            sys.exit("check-odt-fixtures.py: %s has no %s" % (source, needed))

    def evil_path(path):
        evil = zipfile.ZipInfo("../evil", date_time=(2026, 1, 1, 0, 0, 0))
        write(path, entries + [(evil, b"evil\n")])

    def active(path):
        info = entries[0][0]
        extra = [(zipfile.ZipInfo(name, date_time=info.date_time), data)
                 for name, data in (
                     ("Basic/Standard/Module1.xml",
                      b'<?xml version="1.0" encoding="UTF-8"?>\n'
                      b'<module name="Module1">Sub Main\nShell("x")\n'
                      b'End Sub</module>\n'),
                     ("Object 1/content.xml",
                      b'<?xml version="1.0" encoding="UTF-8"?>\n<a/>\n'),
                     ("ObjectReplacements/Object 1", b"\x00" * 16))]
        write(path, entries + extra)

    def duplicate(path):
        content = [(i, d) for i, d in entries if i.filename == "content.xml"]
        with_dup = entries + [(copy_info(content[0][0]), content[0][1])]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": on purpose
            write(path, with_dup)

    fixtures = {
        "foreign-font.odt":
            lambda path: write(path, entries, {"styles.xml": foreign_font}),
        "off-palette.odt":
            lambda path: write(path, entries, {"styles.xml": off_palette}),
        "no-marque.odt":
            lambda path: write(path, entries, {"styles.xml": no_marque}),
        "lo-saved.odt":
            lambda path: write(path, entries, {"styles.xml": lo_saved}),
        "serif-styles.odt":
            lambda path: write(path, entries,
                               {"styles.xml": serif, "content.xml": serif}),
        "bomb.odt": lambda path: bomb(path, entries),
        "evil-path.odt": evil_path,
        "duplicate.odt": duplicate,
        "active.odt": active,
        "attributes.odt":
            lambda path: write(path, with_replaced(entries, "content.xml",
                                                   many_attributes())),
        "laughs.odt":
            lambda path: write(path, with_replaced(entries, "content.xml",
                                                   LAUGHS)),
    }
    if only - set(fixtures):
        sys.exit("check-odt-fixtures.py: no fixture %s"
                 % ", ".join(sorted(only - set(fixtures))))
    for name, make in fixtures.items():
        if not only or name in only:
            make(os.path.join(out, name))


if __name__ == "__main__":
    main()
