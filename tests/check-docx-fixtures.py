#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""DOCX fixtures of "paraphe check", written from scratch (issue 18).

    python3 tests/check-docx-fixtures.py OUT_DIR [NAME...]

Writes into OUT_DIR (only the fixtures NAME... when given) a minimal
WordprocessingML package laid out to the State charter, and copies of it
with one change each:

    conformant.docx    Marianne, the palette's colours (direct and through
                       the theme), 10 pt text, A4, the bloc-marque in the
                       page header, a title: no finding
    foreign-font.docx  the body style in Comic Sans MS (also listed in
                       word/fontTable.xml)
    theme-font.docx    the theme's minor font is Calibri, which the body
                       style takes through w:asciiTheme
    off-palette.docx   a run in #2E8B57, outside the palette
    theme-colour.docx  the theme colour accent2 (#FF00FF) on a run
    small-text.docx    a run of 4 pt (w:sz 8 half-points)
    no-marque.docx     the page header without its image
    not-a4.docx        a US Letter page
    untitled.docx      no title in docProps/core.xml
    active.docx        a macro project (vbaProject.bin, the macro-enabled
                       content type) and an embedded file

and the packages to be refused:

    damaged.docx       the package cut in half
    no-document.docx   no word/document.xml
    no-types.docx      no [Content_Types].xml
    bomb.docx          word/document.xml is 200 MB of spaces, deflated
    laughs.docx        word/document.xml with a "billion laughs" DTD
    attributes.docx    an element of 60,000 attributes
    deep.docx          elements nested 300 deep (libxml2 stops at 256)
    evil-path.docx     an entry named ../evil
    duplicate.docx     word/document.xml twice
    lying-size.docx    word/document.xml declares 1,000 bytes in both its
                       zip headers and holds more
    headers.docx       257 page headers (the check reads 256 parts)

Each fixture's report is a golden file, tests/golden/check/NAME.check;
the list is also check_cases in tests/golden.sh.  Standard library only;
fixed entry dates: the same bytes every time.
"""
import importlib.util
import os
import struct
import sys
import warnings
import zipfile
import zlib

DATE = (2026, 1, 1, 0, 0, 0)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP = ("http://schemas.openxmlformats.org/drawingml/2006/"
      "wordprocessingDrawing")
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = ("application/vnd.openxmlformats-officedocument."
        "wordprocessingml.document.main+xml")
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def png():
    """A 1 x 1 blue PNG, the bloc-marque's stand-in."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\x00\x00\x91"))
            + chunk(b"IEND", b""))


def content_types(main=MAIN, extra=""):
    return (XML + '<Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            '<Override PartName="/word/document.xml" ContentType="%s"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/header1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/>%s</Types>'
            % (main, extra))


ROOT_RELS = (XML + '<Relationships xmlns="%s">'
             '<Relationship Id="rId1" Type="%sofficeDocument" '
             'Target="word/document.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
             'package/2006/relationships/metadata/core-properties" '
             'Target="docProps/core.xml"/></Relationships>' % (PKG, RT))

DOC_RELS = (XML + '<Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%sstyles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="%sfontTable" '
            'Target="fontTable.xml"/>'
            '<Relationship Id="rId3" Type="%stheme" '
            'Target="theme/theme1.xml"/>'
            '<Relationship Id="rId4" Type="%sheader" Target="header1.xml"/>'
            '</Relationships>' % (PKG, RT, RT, RT, RT))

HEADER_RELS = (XML + '<Relationships xmlns="%s">'
               '<Relationship Id="rId1" Type="%simage" '
               'Target="media/bloc-marque.png"/></Relationships>'
               % (PKG, RT))


def font_table(fonts=("Marianne", "Arial")):
    return (XML + '<w:fonts xmlns:w="%s">%s'
            '<w:font w:name="Symbol"><w:charset w:val="02"/></w:font>'
            '</w:fonts>'
            % (W, "".join('<w:font w:name="%s"><w:family w:val="swiss"/>'
                          '</w:font>' % f for f in fonts)))


def theme(minor="Marianne", accent2="E1000F"):
    return (XML + '<a:theme xmlns:a="%s" name="Charte"><a:themeElements>'
            '<a:clrScheme name="Charte">'
            '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
            '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
            '<a:dk2><a:srgbClr val="161616"/></a:dk2>'
            '<a:lt2><a:srgbClr val="F5F5FE"/></a:lt2>'
            '<a:accent1><a:srgbClr val="000091"/></a:accent1>'
            '<a:accent2><a:srgbClr val="%s"/></a:accent2>'
            '<a:hlink><a:srgbClr val="000091"/></a:hlink>'
            '<a:folHlink><a:srgbClr val="6A6AF4"/></a:folHlink>'
            '</a:clrScheme><a:fontScheme name="Charte">'
            '<a:majorFont><a:latin typeface="Marianne"/><a:ea typeface=""/>'
            '<a:cs typeface=""/></a:majorFont>'
            '<a:minorFont><a:latin typeface="%s"/><a:ea typeface=""/>'
            '<a:cs typeface=""/></a:minorFont>'
            '</a:fontScheme></a:themeElements></a:theme>'
            % (A, accent2, minor))


def styles(body_font='w:ascii="Marianne" w:hAnsi="Marianne"'):
    return (XML + '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault>'
            '<w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
            'w:hAnsiTheme="minorHAnsi"/><w:color w:val="161616"/>'
            '<w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Corps">'
            '<w:name w:val="Corps de texte"/><w:rPr><w:rFonts %s/>'
            '<w:sz w:val="20"/></w:rPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="TitreArticle">'
            '<w:name w:val="Titre d\'article"/><w:rPr>'
            '<w:rFonts w:ascii="Marianne" w:hAnsi="Marianne"/><w:b/>'
            '<w:color w:val="000091"/><w:sz w:val="24"/></w:rPr></w:style>'
            '<w:style w:type="character" w:styleId="Hyperlink">'
            '<w:name w:val="Hyperlink"/><w:rPr><w:color w:val="000080"/>'
            '<w:u w:val="single"/></w:rPr></w:style>'
            '</w:styles>' % (W, body_font))


def para(text, rpr="", style="Corps"):
    return ('<w:p><w:pPr><w:pStyle w:val="%s"/><w:rPr><w:sz w:val="2"/>'
            '</w:rPr></w:pPr><w:r><w:rPr>%s</w:rPr><w:t>%s</w:t></w:r></w:p>'
            % (style, rpr, text))


def document(body="", page=(11906, 16838)):
    return (XML + '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s%s%s%s'
            '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
            '<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="1134" '
            'w:right="1134" w:bottom="1134" w:left="1134"/></w:sectPr>'
            '</w:body></w:document>'
            % ((W, R, para("CONVENTION DE PARTENARIAT", "", "TitreArticle"),
                para("Article 1 : objet", '<w:color w:themeColor="accent1"/>',
                     "TitreArticle"),
                para("La présente convention a pour objet le partenariat."),
                body) + page))


def header(image=True):
    drawing = ('<w:r><w:drawing><wp:inline><wp:extent cx="1440000" '
               'cy="900000"/><wp:docPr id="1" name="bloc-marque"/>'
               '<a:graphic><a:graphicData uri="%s"><pic:pic>'
               '<pic:blipFill><a:blip r:embed="rId1"/></pic:blipFill>'
               '</pic:pic></a:graphicData></a:graphic></wp:inline>'
               '</w:drawing></w:r>' % PIC) if image else ""
    return (XML + '<w:hdr xmlns:w="%s" xmlns:r="%s" xmlns:a="%s" '
            'xmlns:pic="%s" xmlns:wp="%s"><w:p>%s</w:p></w:hdr>'
            % (W, R, A, PIC, WP, drawing))


def core(title="Convention de partenariat"):
    return (XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats'
            '.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:title>%s</dc:title><dc:creator>Ministère</dc:creator>'
            '</cp:coreProperties>' % title)


def base(**change):
    """The parts of the conformant package, with the changes asked."""
    parts = [
        ("[Content_Types].xml", change.get("types", content_types())),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", change.get("document", document())),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", change.get("styles", styles())),
        ("word/fontTable.xml", change.get("fonts", font_table())),
        ("word/theme/theme1.xml", change.get("theme", theme())),
        ("word/header1.xml", change.get("header", header())),
        ("word/_rels/header1.xml.rels", HEADER_RELS),
        ("word/media/bloc-marque.png", png()),
        ("docProps/core.xml", change.get("core", core())),
    ]
    return parts + change.get("extra", [])


def write(path, parts, deflate=True):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = (zipfile.ZIP_DEFLATED if deflate
                                  else zipfile.ZIP_STORED)
            z.writestr(info, data.encode() if isinstance(data, str)
                       else data)


def without(parts, name):
    return [(n, d) for n, d in parts if n != name]


def replaced(parts, name, data):
    return [(n, data if n == name else d) for n, d in parts]


def bomb(path):
    """word/document.xml: 200 MB of spaces, streamed through deflate."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in base():
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name != "word/document.xml":
                z.writestr(info, data.encode() if isinstance(data, str)
                           else data)
                continue
            with z.open(info, "w", force_zip64=False) as f:
                f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<a>')
                for _ in range(200):
                    f.write(chunk)
                f.write(b"</a>")


def odt_fixtures():
    """tests/check-odt-fixtures.py, whose entity bomb this one reuses."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "check-odt-fixtures.py")
    spec = importlib.util.spec_from_file_location("check_odt_fixtures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The ODT fixtures' "billion laughs" DTD, before a Word document.
LAUGHS = (odt_fixtures().LAUGHS.split(b"]>")[0].decode() + "]>\n"
          '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&lol9;</w:t>'
          "</w:r></w:p></w:body></w:document>\n" % W)


def fixtures():
    def damaged(path):
        write(path, base())
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[:len(data) // 2])

    def duplicate(path):
        parts = base()
        doc = [p for p in parts if p[0] == "word/document.xml"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": on purpose
            write(path, parts + doc)

    def lying_size(path):
        write(path, base())
        with open(path, "rb") as f:
            data = bytearray(f.read())
        # (signature, name length, uncompressed size, name) offsets of
        # the local and the central header
        for sig, nl, size, name in ((b"PK\x03\x04", 26, 22, 30),
                                    (b"PK\x01\x02", 28, 24, 46)):
            p = data.find(sig)
            while p >= 0:
                n = struct.unpack_from("<H", data, p + nl)[0]
                if data[p + name:p + name + n] == b"word/document.xml":
                    struct.pack_into("<I", data, p + size, 1000)
                p = data.find(sig, p + 4)
        with open(path, "wb") as f:
            f.write(data)

    def headers(path):
        extra = [("word/header%d.xml" % i, header(False))
                 for i in range(2, 259)]
        write(path, base(extra=extra))

    attrs = " ".join('a%d="x"' % i for i in range(60000))
    deep = ("<w:p>" * 300) + ("</w:p>" * 300)
    return {
        "conformant.docx": lambda p: write(p, base()),
        "foreign-font.docx": lambda p: write(p, base(
            styles=styles('w:ascii="Comic Sans MS" w:hAnsi="Comic Sans MS"'),
            fonts=font_table(("Marianne", "Comic Sans MS")))),
        "theme-font.docx": lambda p: write(p, base(
            styles=styles('w:asciiTheme="minorHAnsi" w:hAnsiTheme='
                          '"minorHAnsi" w:ascii="Marianne"'),
            theme=theme(minor="Calibri"))),
        "off-palette.docx": lambda p: write(p, base(document=document(
            para("Un mot en vert", '<w:color w:val="2E8B57"/>')))),
        "theme-colour.docx": lambda p: write(p, base(
            document=document(para("Un mot en accent 2",
                                   '<w:color w:themeColor="accent2"/>')),
            theme=theme(accent2="FF00FF"))),
        "small-text.docx": lambda p: write(p, base(document=document(
            para("Une mention minuscule", '<w:sz w:val="8"/>')))),
        "no-marque.docx": lambda p: write(p, base(header=header(False))),
        "not-a4.docx": lambda p: write(p, base(
            document=document(page=(12240, 15840)))),
        "untitled.docx": lambda p: write(p, base(core=core(""))),
        "active.docx": lambda p: write(p, base(
            types=content_types(
                MACRO_MAIN, '<Default Extension="bin" ContentType="'
                'application/vnd.ms-office.vbaProject"/>'),
            extra=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(60)),
                   ("word/embeddings/oleObject1.bin",
                    b"\xd0\xcf\x11\xe0" + bytes(60))])),
        "damaged.docx": damaged,
        "no-document.docx": lambda p: write(p, without(
            base(), "word/document.xml")),
        "no-types.docx": lambda p: write(p, without(
            base(), "[Content_Types].xml")),
        "bomb.docx": bomb,
        "laughs.docx": lambda p: write(p, replaced(
            base(), "word/document.xml", LAUGHS)),
        "attributes.docx": lambda p: write(p, replaced(
            base(), "word/document.xml",
            XML + '<w:document xmlns:w="%s"><w:body %s/></w:document>'
            % (W, attrs))),
        "deep.docx": lambda p: write(p, replaced(
            base(), "word/document.xml",
            XML + '<w:document xmlns:w="%s"><w:body>%s</w:body>'
            '</w:document>' % (W, deep))),
        "evil-path.docx": lambda p: write(p, base(
            extra=[("../evil", "evil\n")])),
        "duplicate.docx": duplicate,
        "lying-size.docx": lying_size,
        "headers.docx": headers,
    }


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: check-docx-fixtures.py OUT_DIR [NAME...]")
    out, only = sys.argv[1], set(sys.argv[2:])
    made = fixtures()
    if only - set(made):
        sys.exit("check-docx-fixtures.py: no fixture %s"
                 % ", ".join(sorted(only - set(made))))
    for name, make in made.items():
        if not only or name in only:
            make(os.path.join(out, name))


if __name__ == "__main__":
    main()
