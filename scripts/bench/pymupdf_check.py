"""The bench's born-digital anchor: an x-ray-style redaction check with PyMuPDF (fitz).

For each PDF named on the command line (or every PDF in a folder): open it; per page, the dark
filled rectangles from get_drawings(), the characters from get_text("rawdict"), and each character
whose box lies mostly inside a dark rectangle (a bad redaction, as freelawproject/x-ray finds them).
Prints one line per file: pages, dark boxes, covered characters. Run with a python that has
PyMuPDF (Debian: /usr/bin/python3 with python3-fitz).
"""
import os
import sys

import fitz


def dark(color):
    return color is not None and sum(color) / len(color) <= 80 / 255


def check(path):
    boxes = covered = 0
    doc = fitz.open(path)
    for page in doc:
        rects = [d["rect"] for d in page.get_drawings() if d.get("fill") is not None and dark(d["fill"]) and (d.get("fill_opacity") or 1) >= 0.9]
        rects = [r for r in rects if r.width >= 4 and r.height >= 4]
        boxes += len(rects)
        if not rects:
            continue
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", ()):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        if ch["c"].isspace():
                            continue
                        b = fitz.Rect(ch["bbox"])
                        area = b.width * b.height
                        if area <= 0:
                            continue
                        for r in rects:
                            i = b & r
                            if not i.is_empty and i.width * i.height >= area / 2:
                                covered += 1
                                break
    pages = doc.page_count
    doc.close()
    return pages, boxes, covered


def main(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            for dirpath, _, names in os.walk(a):
                files += [os.path.join(dirpath, n) for n in names if n.lower().endswith(".pdf")]
        else:
            files.append(a)
    for f in sorted(files):
        pages, boxes, covered = check(f)
        print(f"{f}\t{pages}\t{boxes}\t{covered}")


if __name__ == "__main__":
    main(sys.argv[1:])
