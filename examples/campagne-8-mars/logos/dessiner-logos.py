#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Draws the placeholder PNG logos of the 8 March campaign example.

Fictional partners, fictional logos: simple shapes and initials drawn as
strokes (no font is involved), never a real brand.  Standard library only
(zlib + struct); the output is the same on every machine.  Run from this
folder: python3 dessiner-logos.py
"""
import math
import struct
import zlib


def png(path, w, h, px):
    """Writes RGBA rows px (bytearray, w*h*4) as a PNG file."""
    raw = bytearray()
    for y in range(h):
        raw.append(0)  # filter: none
        raw += px[y * w * 4:(y + 1) * w * 4]

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(bytes(raw), 9)))
        f.write(chunk(b"IEND", b""))


class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = bytearray(w * h * 4)  # transparent

    def paint(self, sdf, bbox, rgb):
        """Paints where the signed distance sdf(x, y) < 0, antialiased."""
        x0, y0, x1, y1 = bbox
        for y in range(max(0, int(y0) - 2), min(self.h, int(y1) + 3)):
            for x in range(max(0, int(x0) - 2), min(self.w, int(x1) + 3)):
                a = min(1.0, max(0.0, 0.5 - sdf(x + 0.5, y + 0.5)))
                if a <= 0.0:
                    continue
                i = (y * self.w + x) * 4
                da = self.px[i + 3] / 255.0
                oa = a + da * (1 - a)
                for k in range(3):
                    c = (rgb[k] * a + self.px[i + k] * da * (1 - a)) / oa
                    self.px[i + k] = int(round(c))
                self.px[i + 3] = int(round(oa * 255))

    def circle(self, cx, cy, r, rgb):
        self.paint(lambda x, y: math.hypot(x - cx, y - cy) - r,
                   (cx - r, cy - r, cx + r, cy + r), rgb)

    def ring(self, cx, cy, r, width, rgb, clip=None):
        def sdf(x, y):
            d = abs(math.hypot(x - cx, y - cy) - r) - width / 2
            return max(d, clip(x, y)) if clip else d
        self.paint(sdf, (cx - r - width, cy - r - width,
                         cx + r + width, cy + r + width), rgb)

    def rounded_rect(self, x, y, w, h, r, rgb):
        cx, cy, hx, hy = x + w / 2, y + h / 2, w / 2 - r, h / 2 - r

        def sdf(px, py):
            qx, qy = abs(px - cx) - hx, abs(py - cy) - hy
            out = math.hypot(max(qx, 0), max(qy, 0))
            return out + min(max(qx, qy), 0) - r
        self.paint(sdf, (x, y, x + w, y + h), rgb)

    def strokes(self, segs, width, rgb):
        """A union of round-capped segments: initials, rails, waves."""
        def seg_dist(x, y, s):
            ax, ay, bx, by = s
            dx, dy = bx - ax, by - ay
            ll = dx * dx + dy * dy
            t = 0 if ll == 0 else max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / ll))
            return math.hypot(x - ax - t * dx, y - ay - t * dy)

        def sdf(x, y):
            return min(seg_dist(x, y, s) for s in segs) - width / 2
        xs = [v for s in segs for v in (s[0], s[2])]
        ys = [v for s in segs for v in (s[1], s[3])]
        self.paint(sdf, (min(xs) - width, min(ys) - width,
                         max(xs) + width, max(ys) + width), rgb)


def arc(cx, cy, rx, ry, a0, a1, n=24):
    """Segments along an ellipse arc, angles in degrees, y down."""
    pts = [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
            cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)))
           for i in range(n + 1)]
    return [(pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1])
            for i in range(n)]


def letter(ch, x, y, size):
    """Stroke segments of a capital in a box size high, 0.72 size wide."""
    w, h = 0.72 * size, size

    def L(ax, ay, bx, by):
        return [(x + ax * w, y + ay * h, x + bx * w, y + by * h)]

    def A(cx, cy, rx, ry, a0, a1):
        return arc(x + cx * w, y + cy * h, rx * w, ry * h, a0, a1)

    if ch == "S":
        return A(0.5, 0.26, 0.46, 0.26, -20, -270) + A(0.5, 0.74, 0.46, 0.26, -90, 160)
    if ch == "H":
        return L(0, 0, 0, 1) + L(1, 0, 1, 1) + L(0, 0.5, 1, 0.5)
    if ch == "R":
        return (L(0, 1, 0, 0) + L(0, 0, 0.55, 0) + A(0.55, 0.27, 0.42, 0.27, -90, 90)
                + L(0.55, 0.54, 0, 0.54) + L(0.45, 0.54, 1, 1))
    if ch == "C":
        return A(0.55, 0.5, 0.5, 0.5, -50, -310)
    if ch == "P":
        return (L(0, 1, 0, 0) + L(0, 0, 0.55, 0) + A(0.55, 0.28, 0.42, 0.28, -90, 90)
                + L(0.55, 0.56, 0, 0.56))
    if ch == "E":
        return L(0, 0, 0, 1) + L(0, 0, 0.9, 0) + L(0, 0.5, 0.75, 0.5) + L(0, 1, 0.9, 1)
    if ch == "O":
        return A(0.5, 0.5, 0.55, 0.5, 0, 360)
    if ch == "L":
        return L(0, 0, 0, 1) + L(0, 1, 0.85, 1)
    raise ValueError(ch)


def initials(c, text, x, y, size, width, colours):
    for i, ch in enumerate(text):
        c.strokes(letter(ch, x + i * 0.72 * size * 1.45, y, size), width,
                  colours[i % len(colours)])


def supermarches_horizon():
    c = Canvas(320, 160)
    c.rounded_rect(8, 8, 144, 144, 26, (0x1D, 0x3D, 0x7A))
    c.paint(lambda x, y: max(math.hypot(x - 80, y - 100) - 42, y - 100),
            (38, 58, 122, 100), (0xF5, 0x9E, 0x0B))          # rising sun
    for i, yy in enumerate((112, 126, 140)):                  # horizon lines
        c.strokes([(30 + 8 * i, yy, 130 - 8 * i, yy)], 7, (0xFF, 0xFF, 0xFF))
    initials(c, "SH", 172, 44, 72, 14, [(0x1D, 0x3D, 0x7A), (0xF5, 0x9E, 0x0B)])
    return c


def rail_express_connect():
    c = Canvas(320, 160)
    c.paint(lambda x, y: max(abs(y - 80) - 72, abs(x - 80 - (80 - y) * 0.35) - 66),
            (8, 8, 152, 152), (0x5B, 0x21, 0xB6))             # slanted badge
    c.strokes([(44, 140, 84, 20), (84, 140, 124, 20)], 9, (0xFF, 0xFF, 0xFF))
    for yy in range(36, 140, 22):                              # sleepers
        t = (140 - yy) / 120
        c.strokes([(44 + 40 * t - 8, yy, 84 + 40 * t + 8, yy)], 5, (0xC4, 0xB5, 0xFD))
    initials(c, "RC", 172, 44, 72, 14, [(0x5B, 0x21, 0xB6)])
    return c


def parite_ensemble():
    c = Canvas(320, 160)
    c.circle(62, 80, 50, (0x7C, 0x3A, 0xED))
    c.circle(104, 80, 50, (0x0D, 0x94, 0x88))
    c.paint(lambda x, y: max(math.hypot(x - 62, y - 80) - 50,
                             math.hypot(x - 104, y - 80) - 50),
            (54, 30, 112, 130), (0xFF, 0xFF, 0xFF))           # what they share
    initials(c, "PE", 172, 44, 72, 14, [(0x7C, 0x3A, 0xED), (0x0D, 0x94, 0x88)])
    return c


def radio_ondes_locales():
    c = Canvas(320, 160)
    c.rounded_rect(8, 8, 144, 144, 72, (0xB9, 0x1C, 0x1C))
    c.circle(56, 80, 12, (0xFF, 0xFF, 0xFF))
    for r in (30, 50, 70):                                      # waves
        c.ring(56, 80, r, 9, (0xFF, 0xFF, 0xFF),
               clip=lambda x, y: max(56 - x, abs(y - 80) - (x - 56) * 0.9))
    initials(c, "OL", 172, 44, 72, 14, [(0xB9, 0x1C, 0x1C), (0x37, 0x41, 0x51)])
    return c


if __name__ == "__main__":
    for name, draw in (("supermarches-horizon", supermarches_horizon),
                       ("rail-express-connect", rail_express_connect),
                       ("asso-parite-ensemble", parite_ensemble),
                       ("radio-ondes-locales", radio_ondes_locales)):
        c = draw()
        png(name + ".png", c.w, c.h, c.px)
