"""Read the text strings (title, author, bookmarks) of a PDF made by WeasyPrint, without a PDF library."""

import re
import zlib


def pdf_strings(content: bytes) -> str:
    """Metadata and outline strings of the PDF, decoded (they hold the municipality and the title)."""
    chunks = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    texts = []
    for chunk in chunks:
        for hexed in re.findall(rb"<feff([0-9a-fA-F]+)>", chunk):
            texts.append(bytes.fromhex(hexed.decode()).decode("utf-16-be", errors="replace"))
        for literal in re.findall(rb"/(?:Title|Author) \(([^)]*)\)", chunk):
            texts.append(literal.decode("latin-1"))
    return "\n".join(texts)
