#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""check-skip-gen.py DIR COUNT SEED: one-page PDFs for tests/check-skip.sh.

Each page has a box the colour rule leaves out (a partner logo's or a
bloc-marque's, marked by paraphe's named destination) and one to three
paints in colours outside the palette close to that box's edges: fills,
curves, strokes of every join and width, clips, images, forms, a
transparency.  Some lie inside the box, where the checker need not draw
the page to judge its colours (check_pdfobj.c, obj_zone_holds); some reach
just out of it, where it must.  The same seed gives the same files."""
import os
import random
import sys

H = 841.89


def pdf(cat, page, content, extra):
    objs = ["<< /Type /Catalog /Pages 2 0 R %s >>" % cat,
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
            "/Contents 4 0 R %s >>" % page,
            None] + extra
    body = b"%PDF-1.7\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(body))
        if o is None or isinstance(o, tuple):
            d, c = ("", content) if o is None else o
            c = c.encode()
            body += b"%d 0 obj\n<< %s /Length %d >>\nstream\n" % (
                i + 1, d.encode(), len(c)) + c + b"\nendstream\nendobj\n"
        else:
            body += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode()
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objs) + 1)
    for o in offs:
        body += b"%010d 00000 n\r\n" % o
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    return body


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(seed)
    extra = [("/Type /XObject /Subtype /Image /Width 2 /Height 2 "
              "/ColorSpace /DeviceRGB /BitsPerComponent 8",
              "\x2e\x8b\x57" * 4),
             ("/Type /XObject /Subtype /Form /BBox [0 0 1 1]",
              "0.18 0.545 0.341 rg 0 0 1 1 re f")]
    res = ("/Resources << /XObject << /Im 5 0 R /Fm 6 0 R >> "
           "/ExtGState << /A << /ca 0.5 >> >> >>")
    for k in range(count):
        x, y = rnd.uniform(40, 300), rnd.uniform(40, 500)
        w, h = rnd.uniform(20, 180), rnd.uniform(20, 140)
        if rnd.random() < 0.7:
            name = "paraphe-logo-1:%.1f:%.1f:%.1f:%.1f" % (x, y, w, h)
            x0, y0, x1, y1 = x - 4, y - 4, x + w + 4, y + h + 4
        else:
            name = "paraphe-bloc-marque:%.1f:%.1f:%.1f:%.1f" % (x, y, w, h)
            x0, y0, x1, y1 = x - 4, y - 4, x + 4 * w + 4, y + 5 * h + 4
        cat = "/Names << /Dests << /Names [(%s) [3 0 R /XYZ 0 0 0]] >> >>" % name

        def side(lo, hi):
            # a paint's sides: inside the box by a few points, one of
            # them (or none) moved to about where the box stops holding
            # it; or anywhere on the page, large
            if rnd.random() < 0.25:
                a = rnd.uniform(0, 500)
                return a, a + rnd.uniform(20, 300)
            a = lo + 5 + rnd.uniform(0, 6)
            b = hi - 3 - rnd.uniform(0, 6)
            if b < a + 2:
                b = a + 2
            r = rnd.random()
            if r < 0.3:
                a = lo + 5 + rnd.uniform(-3, 1)
            elif r < 0.6:
                b = hi - 3 + rnd.uniform(-1, 3)
            return a, b
        ops = []
        for _ in range(rnd.choice([1, 1, 2])):
            col = "%.3f %.3f %.3f" % (rnd.random() * 0.5, rnd.random(),
                                      rnd.random() * 0.5)
            a, b = side(x0, x1)
            c, d = side(y0, y1)
            # the page's points from the top left to user space
            ua, ub, uc, ud = a, b, H - d, H - c
            kind = rnd.choice(["re", "curve", "stroke", "clip", "image",
                               "form", "alpha"])
            if kind == "re":
                ops.append("%s rg %.2f %.2f %.2f %.2f re f" %
                           (col, ua, uc, ub - ua, ud - uc))
            elif kind == "curve":
                ops.append("%s rg %.2f %.2f m %.2f %.2f %.2f %.2f %.2f %.2f "
                           "c h f" % (col, ua, uc, ua, ud, ub, ud, ub, uc))
            elif kind == "stroke":
                ops.append("%s RG %g w %d j %g M %.2f %.2f m %.2f %.2f l "
                           "%.2f %.2f l S" % (
                               col, rnd.choice([0, 0.5, 1, 2, 4, 8]),
                               rnd.choice([0, 1, 2]),
                               rnd.choice([1.5, 4, 10]), ua, uc, ub, ud, ub,
                               uc))
            elif kind == "clip":
                ops.append("q %.2f %.2f %.2f %.2f re W n %s rg 0 0 595 841 re "
                           "f Q" % (ua, uc, ub - ua, ud - uc, col))
            elif kind == "image":
                ops.append("q %.2f 0 0 %.2f %.2f %.2f cm /Im Do Q" %
                           (ub - ua, ud - uc, ua, uc))
            elif kind == "form":
                ops.append("q %.2f 0 0 %.2f %.2f %.2f cm /Fm Do Q" %
                           (ub - ua, ud - uc, ua, uc))
            else:
                ops.append("q /A gs 0 0 0.568627 rg %.2f %.2f %.2f %.2f re f "
                           "Q" % (ua, uc, ub - ua, ud - uc))
        with open(os.path.join(out, "skip-%04d.pdf" % k), "wb") as f:
            f.write(pdf(cat, res, "\n".join(ops), extra))


main()
