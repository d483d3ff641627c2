#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# Writes tests/data/partenaires-excel-fr.csv, the partner table of the
# example campaign as French Excel saves it (« CSV (séparateur : point-
# virgule) »): Windows-1252 without a byte order mark, ';', CRLF at the end
# of each row (LF inside a cell), dates JJ/MM/AAAA.  Made from
# examples/campagne-8-mars/partenaires.csv: its ISO dates rewritten
# JJ/MM/AAAA, a column document.date_redaction added holding the
# campaign's default (2026-01-26) as 26/01/2026, then iconv to
# WINDOWS-1252//TRANSLIT (the one character Windows-1252 lacks, « 2ᵉ »,
# becomes « 2e », as a spreadsheet would write it).  The file is
# committed; tests/kit.sh checks that this script still makes it.
#
#   sh tests/data/make-partenaires-excel-fr.sh > tests/data/partenaires-excel-fr.csv
set -eu
here=$(dirname "$0")
python3 - "$here/../../examples/campagne-8-mars/partenaires.csv" <<'PY' |
import csv, re, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))
iso = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
out = csv.writer(sys.stdout, delimiter=";", lineterminator="\r\n")
for i, row in enumerate(rows):
    row = [iso.sub(r"\3/\2/\1", c) for c in row]
    row.insert(1, "document.date_redaction" if i == 0 else "26/01/2026")
    out.writerow(row)
PY
	iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT
